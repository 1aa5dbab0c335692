package dev.deckhand.chat;

import dev.deckhand.errors.ExternalFailure;

/** The chat service refused or failed a request (for Slack: an error code or an HTTP failure). */
public class ChatException
        extends ExternalFailure
{
    public ChatException(String message)
    {
        super(message);
    }

    public ChatException(String message, Throwable cause)
    {
        super(message, cause);
    }
}
