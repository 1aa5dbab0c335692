package dev.deckhand.config;

import static java.util.Objects.requireNonNull;

/** A value that must never be printed: {@link #toString()} hides it. */
public record Secret(String value)
{
    public Secret
    {
        requireNonNull(value, "value is null");
    }

    @Override
    public String toString()
    {
        return "******";
    }
}
