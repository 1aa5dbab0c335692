package dev.deckhand.chat;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Where a person spoke to Deckhand: the place to answer them, privately or in the channel. Ids and
 * the reply URL are bounded to what the store keeps, so a conversation that exists can be stored.
 */
public record Conversation(String channelId, String channelName, String userId, Optional<String> responseUrl)
{
    public static final int MAX_ID = 64;
    public static final int MAX_NAME = 255;
    public static final int MAX_URL = 1000;

    public Conversation
    {
        requireNonNull(channelId, "channelId is null");
        requireNonNull(channelName, "channelName is null");
        requireNonNull(userId, "userId is null");
        requireNonNull(responseUrl, "responseUrl is null");
        if (channelId.length() > MAX_ID || userId.length() > MAX_ID) {
            throw new IllegalArgumentException("channel and user ids are at most " + MAX_ID + " characters");
        }
        if (channelName.length() > MAX_NAME || responseUrl.map(url -> url.length() > MAX_URL).orElse(false)) {
            throw new IllegalArgumentException("a channel name is at most " + MAX_NAME + " characters, a reply URL at most " + MAX_URL);
        }
    }
}
