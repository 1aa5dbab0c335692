package dev.deckhand.scripts;

import dev.deckhand.chat.Background;
import dev.deckhand.config.ConfigException;
import dev.deckhand.config.ConfigHolder;
import dev.deckhand.lifecycle.Managed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.util.Objects.requireNonNull;

/**
 * Watches the config file's folder and the scripts dir and reloads when either changes, so
 * edits take effect without a restart. A broken config is refused and the old one stays.
 */
final class ConfigWatcher
        implements Managed
{
    private static final Logger log = LoggerFactory.getLogger(ConfigWatcher.class);
    /** Editors write files in several steps; wait for the burst to end before reloading. */
    private static final long SETTLE_MILLIS = 300;

    private final ConfigHolder config;
    private WatchService watcher;
    private Thread thread;

    ConfigWatcher(ConfigHolder config)
    {
        this.config = requireNonNull(config, "config is null");
    }

    @Override
    public synchronized void start()
            throws IOException
    {
        watcher = FileSystems.getDefault().newWatchService();
        register(config.file().toAbsolutePath().getParent());
        register(config.current().scripts().dir());
        thread = Background.named("deckhand-config-watch").newThread(this::watch);
        thread.start();
    }

    @Override
    public synchronized void stop()
            throws IOException
    {
        if (watcher != null) {
            watcher.close();
        }
    }

    private void register(Path dir)
            throws IOException
    {
        if (dir != null && Files.isDirectory(dir)) {
            dir.register(watcher, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE);
        }
    }

    private void watch()
    {
        try {
            while (true) {
                WatchKey key = watcher.take();
                settle(key);
                reload();
            }
        }
        catch (ClosedWatchServiceException | InterruptedException e) {
            log.debug("config watcher stopped");
        }
    }

    private void settle(WatchKey key)
            throws InterruptedException
    {
        for (WatchKey next = key; next != null; next = watcher.poll(SETTLE_MILLIS, TimeUnit.MILLISECONDS)) {
            next.pollEvents();
            next.reset();
        }
    }

    private void reload()
    {
        try {
            config.reload();
            log.info("reloaded {} after a change: {} scripts", config.file(), config.current().scripts().list().size());
        }
        catch (ConfigException e) {
            log.warn("the changed config was refused; the previous one stays in force. {}", e.getMessage());
        }
        catch (RuntimeException e) {
            log.warn("reloading {} failed; the previous config stays in force: {}", config.file(), e.getMessage());
        }
    }
}
