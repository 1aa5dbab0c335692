package dev.deckhand.errors;

import java.util.Optional;

/** A service Deckhand depends on (Slack, AWS, the store) failed; not the person's fault and not a bug. */
public class ExternalFailure
        extends RuntimeException
{
    public ExternalFailure(String message, Throwable cause)
    {
        super(message, cause);
    }

    public ExternalFailure(String message)
    {
        super(message);
    }

    /** What to tell the person who asked; the message, with its technical detail, goes to the log. */
    public String forPeople()
    {
        return getMessage();
    }

    /** What the person can do about it, when the failure knows better than a general hint. */
    public Optional<String> advice()
    {
        return Optional.empty();
    }
}
