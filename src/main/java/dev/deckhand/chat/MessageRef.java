package dev.deckhand.chat;

import static java.util.Objects.requireNonNull;

/** A posted message, as returned by {@link Chat#post} and {@link Chat#reply}; opaque to callers. */
public record MessageRef(String channel, String id)
{
    public MessageRef
    {
        requireNonNull(channel, "channel is null");
        requireNonNull(id, "id is null");
    }
}
