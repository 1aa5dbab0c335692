package dev.deckhand.scripts.port;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** A script to run, its values, extra environment, and a timeout (empty: the script's own). */
public record ScriptInvocation(String script, Map<String, String> values, Map<String, String> environment, Optional<Duration> timeout)
{
    public ScriptInvocation
    {
        requireNonNull(script, "script is null");
        values = Map.copyOf(values);
        environment = Map.copyOf(environment);
        requireNonNull(timeout, "timeout is null");
    }
}
