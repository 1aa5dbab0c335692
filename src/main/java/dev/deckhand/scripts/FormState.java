package dev.deckhand.scripts;

import java.util.Map;

import static java.util.Objects.requireNonNull;

/** What the run form carries in its private metadata: the script, where it was asked for, and the values already given. */
record FormState(String script, String channelId, String channelName, String responseUrl, Map<String, String> values)
{
    FormState
    {
        requireNonNull(script, "script is null");
        requireNonNull(channelId, "channelId is null");
        requireNonNull(channelName, "channelName is null");
        requireNonNull(responseUrl, "responseUrl is null");
        values = Map.copyOf(values);
    }
}
