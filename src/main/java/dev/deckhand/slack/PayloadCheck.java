package dev.deckhand.slack;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks the parts of a Slack payload Deckhand stores or shows against what Slack sends, before
 * anything uses them: ids are short and alphanumeric, text and values stay within Slack's own
 * limits. The first problem found is thrown as a {@link MalformedRequest}.
 */
final class PayloadCheck
{
    /** Slack's ids (U…, W…, C…, D…, G…, T…, E…) are a dozen characters; the store keeps 64. */
    static final int MAX_ID = 32;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9]{1," + MAX_ID + "}");
    private static final Pattern TOKEN = Pattern.compile("\\S{1,255}");
    private static final Pattern URL = Pattern.compile("https?://\\S{1,990}");

    private final String kind;
    private final String action;
    private final String detail;
    private final String userId;
    private final String channelId;
    private Optional<String> problem = Optional.empty();

    PayloadCheck(String kind, String action, String detail, String userId, String channelId)
    {
        this.kind = kind;
        this.action = action;
        this.detail = detail;
        this.userId = userId;
        this.channelId = channelId;
    }

    /** A Slack id; {@code required} ids must be present, others may be absent or empty. */
    PayloadCheck id(String what, String value, boolean required)
    {
        boolean absent = value == null || value.isEmpty();
        return that(absent ? !required : ID.matcher(value).matches(), "the " + what + (absent ? " is missing" : " is not a Slack id"));
    }

    /** An opaque token such as a trigger id, action id or block id: no spaces, at most 255 characters; may be absent. */
    PayloadCheck token(String what, String value)
    {
        return that(value == null || TOKEN.matcher(value).matches(), "the " + what + " is not one Slack sends");
    }

    PayloadCheck url(String what, String value)
    {
        return that(value == null || URL.matcher(value).matches(), "the " + what + " is not a Slack URL");
    }

    PayloadCheck length(String what, String value, int max)
    {
        return that(value == null || value.length() <= max, "the " + what + " is longer than " + max + " characters");
    }

    PayloadCheck that(boolean fine, String reason)
    {
        if (!fine && problem.isEmpty()) {
            problem = Optional.of(reason);
        }
        return this;
    }

    void done()
    {
        if (problem.isPresent()) {
            throw new MalformedRequest(problem.get(), kind, action, detail, userId, channelId);
        }
    }
}
