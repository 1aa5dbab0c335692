package dev.deckhand.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** JSON from Slack's SDK escapes {@code <} and {@code >}; tests compare the decoded text. */
public final class Json
{
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    /** {@code text} re-serialised without HTML escapes when it is JSON; otherwise unchanged. */
    public static String decoded(String text)
    {
        String trimmed = text.strip();
        if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) {
            return text;
        }
        try {
            return MAPPER.readTree(trimmed).toString();
        }
        catch (JsonProcessingException e) {
            return text;
        }
    }
}
