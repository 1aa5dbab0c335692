package dev.deckhand.config;

import java.nio.file.Path;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** What a section may use while it is read: the working directory and the sections read before it (the shared ones first). */
public final class SectionContext
{
    private final Path workingDirectory;
    private final Map<Class<?>, Object> read;

    SectionContext(Path workingDirectory, Map<Class<?>, Object> read)
    {
        this.workingDirectory = requireNonNull(workingDirectory, "workingDirectory is null");
        this.read = requireNonNull(read, "read is null");
    }

    /** Relative paths in the file resolve against it. */
    public Path workingDirectory()
    {
        return workingDirectory;
    }

    /** A section read before this one, e.g. {@code access} for a section that names groups. */
    public <T> T section(Class<T> type)
    {
        Object value = read.get(type);
        if (value == null) {
            throw new IllegalStateException(type.getSimpleName() + " is not read yet; list its section earlier");
        }
        return type.cast(value);
    }
}
