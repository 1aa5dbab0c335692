package dev.deckhand.interaction;

import java.util.Map;

import static java.util.Objects.requireNonNull;

/** A modal submitted by a person: the input values by block id, and the metadata Deckhand put on the modal. */
public record Submission(String callbackId, String privateMetadata, Map<String, String> values, String userId)
{
    public Submission
    {
        requireNonNull(callbackId, "callbackId is null");
        requireNonNull(privateMetadata, "privateMetadata is null");
        values = Map.copyOf(values);
        requireNonNull(userId, "userId is null");
    }
}
