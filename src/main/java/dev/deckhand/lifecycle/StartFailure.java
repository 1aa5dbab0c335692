package dev.deckhand.lifecycle;

/** Something could not start for a reason the operator can fix; the message says what, without a stack trace. */
public class StartFailure
        extends RuntimeException
{
    public StartFailure(String message, Throwable cause)
    {
        super(message, cause);
    }
}
