package dev.deckhand.config;

import static java.util.Objects.requireNonNull;

/** One thing wrong with a config file, at a path such as {@code scripts.list[0].timeout}. */
public record ConfigProblem(String path, String message)
{
    public ConfigProblem
    {
        requireNonNull(path, "path is null");
        requireNonNull(message, "message is null");
    }

    @Override
    public String toString()
    {
        return path.isEmpty() ? message : path + ": " + message;
    }
}
