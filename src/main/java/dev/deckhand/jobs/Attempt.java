package dev.deckhand.jobs;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

import static java.util.Objects.requireNonNull;

/**
 * How one attempt of a run went: its outcome (succeeded, failed, timed out or interrupted; too fast
 * is decided after, against {@code minRuntime}), the exit code or HTTP status, the last lines, and
 * the whole output, bounded.
 */
record Attempt(JobOutcome outcome, OptionalInt code, Duration duration, List<String> tail, String output, boolean truncated)
{
    static final int TAIL_LINES = 20;
    static final int MAX_OUTPUT = 1_048_576;

    Attempt
    {
        requireNonNull(outcome, "outcome is null");
        requireNonNull(code, "code is null");
        requireNonNull(duration, "duration is null");
        tail = List.copyOf(tail);
        requireNonNull(output, "output is null");
    }

    /** The attempt could not start: the reason is its output. */
    static Attempt notStarted(String reason)
    {
        return new Attempt(JobOutcome.FAILED, OptionalInt.empty(), Duration.ZERO, List.of(reason), reason, false);
    }

    Attempt withOutcome(JobOutcome changed)
    {
        return new Attempt(changed, code, duration, tail, output, truncated);
    }

    static List<String> tailOf(String output)
    {
        List<String> lines = output.lines().toList();
        return lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size());
    }

    static String bounded(String output)
    {
        return output.length() > MAX_OUTPUT ? output.substring(0, MAX_OUTPUT) : output;
    }
}
