package dev.deckhand.chat;

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
}
