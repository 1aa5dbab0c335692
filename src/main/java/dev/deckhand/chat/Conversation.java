package dev.deckhand.chat;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** Where a person spoke to Deckhand: the place to answer them, privately or in the channel. */
public record Conversation(String channelId, String channelName, String userId, Optional<String> responseUrl)
{
    public Conversation
    {
        requireNonNull(channelId, "channelId is null");
        requireNonNull(channelName, "channelName is null");
        requireNonNull(userId, "userId is null");
        requireNonNull(responseUrl, "responseUrl is null");
    }
}
