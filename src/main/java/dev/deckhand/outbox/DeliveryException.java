package dev.deckhand.outbox;

import dev.deckhand.errors.ExternalFailure;
import dev.deckhand.text.Bundle;

import java.time.Duration;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A delivery that did not happen, and what to do about it. When it reaches a person (a reply sent
 * straight away, not through the outbox), it is said like any failure of Slack, with advice by its code.
 */
public class DeliveryException
        extends ExternalFailure
{
    private static final Bundle BUNDLE = Bundle.of(DeliveryException.class);

    private final Kind kind;
    private final String error;
    private final Optional<Duration> retryAfter;

    public DeliveryException(Kind kind, String error, Optional<Duration> retryAfter, Throwable cause)
    {
        super(error, cause, BUNDLE, Optional.of(error), "delivery.failed", "error", error);
        this.kind = requireNonNull(kind, "kind is null");
        this.error = requireNonNull(error, "error is null");
        this.retryAfter = requireNonNull(retryAfter, "retryAfter is null");
    }

    public Kind kind()
    {
        return kind;
    }

    public String error()
    {
        return error;
    }

    public Optional<Duration> retryAfter()
    {
        return retryAfter;
    }

    public enum Kind
    {
        /** HTTP 429: wait the given time, then go on. */
        RATE_LIMITED,
        /** 5xx, network trouble: retry with backoff. */
        TRANSIENT,
        /** The request itself is refused (channel_not_found, not_in_channel, invalid_auth): retrying cannot help. */
        PERMANENT
    }
}
