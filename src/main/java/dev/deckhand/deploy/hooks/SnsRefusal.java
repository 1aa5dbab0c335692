package dev.deckhand.deploy.hooks;

import static java.util.Objects.requireNonNull;

/** Why {@link SnsVerifier} did not take a message; the reason is for the log and never repeats the message. */
final class SnsRefusal
        extends Exception
{
    enum Kind
    {
        /** Not an SNS message at all: not JSON, an unknown type, a signed field missing. */
        MALFORMED,
        /** Not from SNS for one of our topics, or too old: unsigned, forged, an untrusted certificate, an unknown topic. */
        REFUSED,
        /** Perhaps genuine, but the certificate could not be fetched now; SNS retries a 5xx. */
        UNAVAILABLE,
    }

    private final Kind kind;

    SnsRefusal(Kind kind, String reason)
    {
        // An answer, not a failure: no stack trace to fill in.
        super(requireNonNull(reason, "reason is null"), null, false, false);
        this.kind = requireNonNull(kind, "kind is null");
    }

    Kind kind()
    {
        return kind;
    }
}
