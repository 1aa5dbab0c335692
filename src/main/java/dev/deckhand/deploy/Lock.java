package dev.deckhand.deploy;

import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** A lock on an environment: a person's ({@code manual}, with a reason) or a running deploy's. */
record Lock(String service, String environment, Kind kind, Optional<String> deployId, String lockedBy, String reason, Instant lockedAt)
{
    Lock
    {
        requireNonNull(service, "service is null");
        requireNonNull(environment, "environment is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(deployId, "deployId is null");
        requireNonNull(lockedBy, "lockedBy is null");
        requireNonNull(reason, "reason is null");
        requireNonNull(lockedAt, "lockedAt is null");
    }

    enum Kind
    {
        MANUAL, RUN;

        String tag()
        {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
