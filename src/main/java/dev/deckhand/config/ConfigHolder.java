package dev.deckhand.config;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * The config in force. {@link #reload()} swaps in a new one only if it is valid; a broken
 * file is refused with its problems and the old config stays.
 */
public final class ConfigHolder
{
    private final ConfigLoader loader;
    private final Path file;
    private final AtomicReference<DeckhandConfig> current;
    private final List<Consumer<DeckhandConfig>> listeners = new CopyOnWriteArrayList<>();

    public ConfigHolder(ConfigLoader loader, Path file, DeckhandConfig initial)
    {
        this.loader = requireNonNull(loader, "loader is null");
        this.file = requireNonNull(file, "file is null");
        this.current = new AtomicReference<>(requireNonNull(initial, "initial is null"));
    }

    public DeckhandConfig current()
    {
        return current.get();
    }

    public Path file()
    {
        return file;
    }

    /** Loads the file again; throws {@link ConfigException} and keeps the old config if it is broken. */
    public synchronized DeckhandConfig reload()
    {
        DeckhandConfig config = loader.load(file);
        current.set(config);
        listeners.forEach(listener -> listener.accept(config));
        return config;
    }

    public void onReload(Consumer<DeckhandConfig> listener)
    {
        listeners.add(requireNonNull(listener, "listener is null"));
    }
}
