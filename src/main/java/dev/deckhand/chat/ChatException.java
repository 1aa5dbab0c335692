package dev.deckhand.chat;

import dev.deckhand.errors.ExternalFailure;
import dev.deckhand.text.Bundle;

import java.time.Duration;
import java.util.Optional;

/**
 * The chat service refused or failed a request (for Slack: an error code or an HTTP failure).
 * Advice is matched on Slack's error code ({@code advice.not_in_channel} in this package's bundle), never on message text.
 */
public class ChatException
        extends ExternalFailure
{
    static final Bundle BUNDLE = Bundle.of(ChatException.class);

    private final Optional<Duration> retryAfter;

    private ChatException(String message, Throwable cause, Optional<String> code, String explanation, Object... arguments)
    {
        this(message, cause, Optional.empty(), code, explanation, arguments);
    }

    private ChatException(String message, Throwable cause, Optional<Duration> retryAfter, Optional<String> code, String explanation, Object... arguments)
    {
        super(message, cause, BUNDLE, code, explanation, arguments);
        this.retryAfter = retryAfter;
    }

    /** Slack answered HTTP 429: too many calls; {@code retryAfter} is its Retry-After, when it said one. */
    public static ChatException rateLimited(String method, Optional<Duration> retryAfter, Throwable cause)
    {
        return new ChatException("Slack answered HTTP 429 to " + method + " (rate limited" + retryAfter.map(wait -> ", retry after " + wait.toSeconds() + " s").orElse("") + ")",
                cause, Optional.of(retryAfter.orElse(Duration.ZERO)), Optional.empty(), "slack.http", "method", method, "status", 429);
    }

    /** For a rate-limited call ({@link #rateLimited}), how long Slack asked to wait (zero when it did not say); empty for any other failure. */
    public Optional<Duration> retryAfter()
    {
        return retryAfter;
    }

    /** The request did not reach Slack, or its answer did not come back. */
    public static ChatException unreachable(String method, Throwable cause)
    {
        String reason = String.valueOf(cause.getMessage());
        return new ChatException("Slack could not be reached (" + method + "): " + reason, cause, Optional.empty(),
                "slack.unreachable", "method", method, "reason", reason);
    }

    /** Slack answered with an HTTP error status. */
    public static ChatException httpStatus(String method, int status, Throwable cause)
    {
        return new ChatException("Slack answered HTTP " + status + " to " + method, cause, Optional.empty(),
                "slack.http", "method", method, "status", status);
    }

    /** Slack answered {@code ok: false} with an error code such as {@code not_in_channel}. */
    public static ChatException refused(String method, String code)
    {
        return new ChatException("Slack refused " + method + ": " + code, null, Optional.of(code),
                "slack.refused", "method", method, "code", code);
    }

    /** A reply to a response URL was refused with an HTTP status. */
    public static ChatException replyRefused(int status)
    {
        return new ChatException("Slack refused the reply (HTTP " + status + ")", null, Optional.empty(), "slack.reply.refused", "status", status);
    }

    /** A file to upload could not be read here. */
    public static ChatException fileUnreadable(String reason, Throwable cause)
    {
        return new ChatException("could not read the file to upload: " + reason, cause, Optional.empty(), "file.unreadable", "reason", reason);
    }
}
