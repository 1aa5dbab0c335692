package dev.deckhand.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

import static java.util.Objects.requireNonNull;

/** How a run ended, as stored: when, its outcome, the exit code or HTTP status, how long it took, its tail and whole output. */
record RunEnding(Instant ended, JobOutcome outcome, OptionalInt code, Optional<Duration> duration, String tail, Optional<String> output, boolean truncated)
{
    RunEnding
    {
        requireNonNull(ended, "ended is null");
        requireNonNull(outcome, "outcome is null");
        requireNonNull(code, "code is null");
        requireNonNull(duration, "duration is null");
        requireNonNull(tail, "tail is null");
        requireNonNull(output, "output is null");
    }
}
