package dev.deckhand.audit;

import java.time.Duration;
import java.time.Instant;

import static java.util.Objects.requireNonNull;

/** Who did what, where, with which outcome and how long it took to answer. */
public record AuditEntry(Instant at, String userId, String channelId, String kind, String action, String detail, String outcome, Duration duration)
{
    public AuditEntry
    {
        requireNonNull(at, "at is null");
        requireNonNull(userId, "userId is null");
        requireNonNull(channelId, "channelId is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(action, "action is null");
        requireNonNull(detail, "detail is null");
        requireNonNull(outcome, "outcome is null");
        requireNonNull(duration, "duration is null");
    }
}
