package dev.deckhand.slack;

import static java.util.Objects.requireNonNull;

/**
 * A signed request whose payload is not what Slack sends (an id missing, too long or of the wrong
 * shape, a value past Slack's own limits). Carries what the audit entry needs, bounded: who asked,
 * where, and what, as far as it could be read.
 */
final class MalformedRequest
        extends RuntimeException
{
    private static final int MAX_ACTION = 64;
    private static final int MAX_DETAIL = 500;

    private final String kind;
    private final String action;
    private final String detail;
    private final String userId;
    private final String channelId;

    MalformedRequest(String reason, String kind, String action, String detail, String userId, String channelId)
    {
        super(requireNonNull(reason, "reason is null"), null, false, false);
        this.kind = requireNonNull(kind, "kind is null");
        this.action = truncate(action, MAX_ACTION);
        this.detail = truncate(detail, MAX_DETAIL);
        this.userId = orEmpty(userId);
        this.channelId = orEmpty(channelId);
    }

    /** What to tell the person, e.g. "the user id is not a Slack id". */
    String reason()
    {
        return getMessage();
    }

    String kind()
    {
        return kind;
    }

    String action()
    {
        return action;
    }

    String detail()
    {
        return detail;
    }

    /** As Slack sent it (the audit log bounds it to its column). */
    String userId()
    {
        return userId;
    }

    String channelId()
    {
        return channelId;
    }

    private static String truncate(String text, int max)
    {
        String value = orEmpty(text);
        return value.length() <= max ? value : value.substring(0, max - 1) + "…";
    }

    private static String orEmpty(String text)
    {
        return text == null ? "" : text;
    }
}
