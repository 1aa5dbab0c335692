package dev.deckhand.scripts.port;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Which script to run with which param values; {@code environment} is added to the minimal
 * environment /run gives (its entries win over the defaults; the script's own env still applies);
 * an empty {@code timeout} means the script's own.
 */
public record ScriptInvocation(String script, Map<String, String> values, Map<String, String> environment, Optional<Duration> timeout)
{
    public ScriptInvocation
    {
        requireNonNull(script, "script is null");
        values = Map.copyOf(requireNonNull(values, "values is null"));
        environment = Map.copyOf(requireNonNull(environment, "environment is null"));
        requireNonNull(timeout, "timeout is null");
        if (script.isBlank()) {
            throw new IllegalArgumentException("script is blank");
        }
        environment.forEach(ScriptInvocation::checkVariable);
        timeout.filter(duration -> duration.isNegative() || duration.isZero()).ifPresent(duration -> {
            throw new IllegalArgumentException("timeout must be positive: " + duration);
        });
    }

    /** The script with these values, in the minimal environment, with its own timeout. */
    public static ScriptInvocation of(String script, Map<String, String> values)
    {
        return new ScriptInvocation(script, values, Map.of(), Optional.empty());
    }

    // The OS cannot pass these on: a name with '=' or NUL, or a value with NUL.
    private static void checkVariable(String name, String value)
    {
        if (name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("not a valid environment variable name: '" + name + "'");
        }
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("the value of environment variable " + name + " contains NUL");
        }
    }
}
