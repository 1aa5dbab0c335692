package dev.deckhand.outbox;

import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One post, edit, private reply or file upload waiting in the outbox; an upload's text is its title.
 * A post with a {@code parentKey} is a reply in the thread of that message.
 */
record OutboxEntry(
        long id,
        String messageKey,
        Kind kind,
        String channel,
        String text,
        Optional<String> blocks,
        Optional<String> replyUrl,
        Optional<String> replyUser,
        Optional<String> parentKey,
        int attempts,
        Instant createdAt)
{
    OutboxEntry
    {
        requireNonNull(messageKey, "messageKey is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(channel, "channel is null");
        requireNonNull(text, "text is null");
        requireNonNull(blocks, "blocks is null");
        requireNonNull(replyUrl, "replyUrl is null");
        requireNonNull(replyUser, "replyUser is null");
        requireNonNull(parentKey, "parentKey is null");
        requireNonNull(createdAt, "createdAt is null");
    }

    enum Kind
    {
        POST, UPDATE, EPHEMERAL, UPLOAD
    }
}
