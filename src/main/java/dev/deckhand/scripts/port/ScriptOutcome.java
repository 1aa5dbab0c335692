package dev.deckhand.scripts.port;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

import static java.util.Objects.requireNonNull;

/** How a script ended: its exit code (empty when killed), the last lines and the whole output (masked, bounded). */
public record ScriptOutcome(OptionalInt exitCode, boolean timedOut, boolean interrupted, Duration duration, List<String> tail, String output, boolean truncated)
{
    public ScriptOutcome
    {
        requireNonNull(exitCode, "exitCode is null");
        requireNonNull(duration, "duration is null");
        tail = List.copyOf(tail);
        requireNonNull(output, "output is null");
    }
}
