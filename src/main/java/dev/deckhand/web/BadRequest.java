package dev.deckhand.web;

import static java.util.Objects.requireNonNull;

/**
 * Bad HTTP input, answered with {@link #status()} and the message as plain text by the one filter
 * in front of every endpoint. Any contributed servlet may throw it before it changes anything. The
 * message is for the caller: short, and never a repeat of the input. The detail goes to the log only.
 */
public final class BadRequest
        extends RuntimeException
{
    private final int status;
    private final String detail;

    public BadRequest(int status, String message)
    {
        this(status, message, "");
    }

    public BadRequest(int status, String message, String detail)
    {
        // An answer, not a failure: no stack trace to fill in or to print.
        super(requireNonNull(message, "message is null"), null, false, false);
        if (status < 400 || status > 499) {
            throw new IllegalArgumentException("a bad request is answered with a 4xx status, not " + status);
        }
        this.status = status;
        this.detail = requireNonNull(detail, "detail is null");
    }

    public int status()
    {
        return status;
    }

    /** Why, for the log line; empty when the message says it all. */
    public String detail()
    {
        return detail;
    }
}
