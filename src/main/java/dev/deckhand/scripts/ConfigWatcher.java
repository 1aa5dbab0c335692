package dev.deckhand.scripts;

import dev.deckhand.config.ConfigException;
import dev.deckhand.config.ConfigHolder;
import dev.deckhand.config.DeckhandConfig;
import dev.deckhand.lifecycle.Managed;
import dev.deckhand.lifecycle.Threads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;
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
    /** What each watched folder's events are about: only the config file in its folder, anything in the scripts dir. */
    private final Map<WatchKey, Predicate<Path>> relevant = new ConcurrentHashMap<>();
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
        Path file = config.file().toAbsolutePath();
        Path scripts = config.current().section(ScriptsConfig.class).dir().toAbsolutePath();
        // A log written next to the config must not trigger a reload (which logs, which triggers...).
        register(file.getParent(), changed -> changed.equals(file.getFileName()) || file.getParent().equals(scripts));
        register(scripts, changed -> true);
        thread = Threads.named("deckhand-config-watch").newThread(this::watch);
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

    private void register(Path dir, Predicate<Path> matters)
            throws IOException
    {
        if (dir != null && Files.isDirectory(dir)) {
            relevant.put(dir.register(watcher, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE), matters);
        }
    }

    private void watch()
    {
        try {
            while (true) {
                WatchKey key = watcher.take();
                if (settle(key)) {
                    reload();
                }
            }
        }
        catch (ClosedWatchServiceException | InterruptedException e) {
            log.debug("config watcher stopped");
        }
    }

    /** Takes events until a burst ends; true when one of them was about the config or the scripts. */
    private boolean settle(WatchKey key)
            throws InterruptedException
    {
        boolean matters = false;
        for (WatchKey next = key; next != null; next = watcher.poll(SETTLE_MILLIS, TimeUnit.MILLISECONDS)) {
            Predicate<Path> test = relevant.getOrDefault(next, changed -> true);
            for (WatchEvent<?> event : next.pollEvents()) {
                matters |= event.kind() == OVERFLOW || test.test((Path) event.context());
            }
            next.reset();
        }
        return matters;
    }

    private void reload()
    {
        try {
            DeckhandConfig reloaded = config.reload();
            log.info("reloaded {} after a change: {} scripts", config.file(), reloaded.section(ScriptsConfig.class).list().size());
        }
        catch (ConfigException e) {
            log.warn("the changed config was refused; the previous one stays in force. {}", e.getMessage());
        }
        catch (RuntimeException e) {
            log.warn("reloading {} failed; the previous config stays in force: {}", config.file(), e.getMessage());
        }
    }
}
