package dev.deckhand.scripts.port;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

import static java.util.Objects.requireNonNull;

/**
 * How a script run ended. {@code exitCode} is empty when the process was killed (timeout or
 * interrupt) or never started; a failure to start is told as a line of the output. {@code tail}
 * holds the last {@value #TAIL_LINES} lines, masked (a line longer than 2000 characters is
 * shortened, ending in "…"); {@code output} is the whole masked output, each line ending in
 * a newline, up to {@value #MAX_OUTPUT} bytes of UTF-8 cut at a line boundary, and
 * {@code truncated} says it was cut.
 */
public record ScriptOutcome(OptionalInt exitCode, boolean timedOut, boolean interrupted, Duration duration, List<String> tail, String output, boolean truncated)
{
    public static final int TAIL_LINES = 20;
    public static final int MAX_OUTPUT = 1_048_576;

    public ScriptOutcome
    {
        requireNonNull(exitCode, "exitCode is null");
        requireNonNull(duration, "duration is null");
        tail = List.copyOf(requireNonNull(tail, "tail is null"));
        requireNonNull(output, "output is null");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration is negative: " + duration);
        }
        if (tail.size() > TAIL_LINES) {
            throw new IllegalArgumentException("tail has more than " + TAIL_LINES + " lines: " + tail.size());
        }
    }

    /** Exited by itself with exit code 0. */
    public boolean succeeded()
    {
        return exitCode.isPresent() && exitCode.getAsInt() == 0;
    }
}
