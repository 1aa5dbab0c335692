package dev.deckhand.scripts;

import java.time.Duration;
import java.util.OptionalInt;

import static java.util.Objects.requireNonNull;

// exitCode is present whenever the process ran and ended, also after a kill (then it is
// what the OS reported, e.g. 143 for SIGTERM); failure is "" unless it never started.
record ProcessResult(Outcome outcome, OptionalInt exitCode, Duration duration, String failure)
{
    enum Outcome
    {
        EXITED, TIMED_OUT, CANCELLED, FAILED_TO_START
    }

    ProcessResult
    {
        requireNonNull(outcome, "outcome is null");
        requireNonNull(exitCode, "exitCode is null");
        requireNonNull(duration, "duration is null");
        requireNonNull(failure, "failure is null");
        boolean failedToStart = outcome == Outcome.FAILED_TO_START;
        if (failedToStart == failure.isEmpty()) {
            throw new IllegalArgumentException("failure must be given exactly when the process failed to start");
        }
        if (failedToStart && exitCode.isPresent()) {
            throw new IllegalArgumentException("a process that never started has no exit code");
        }
        if (outcome == Outcome.EXITED && exitCode.isEmpty()) {
            throw new IllegalArgumentException("an exited process has an exit code");
        }
    }

    static ProcessResult failedToStart(String failure, Duration duration)
    {
        return new ProcessResult(Outcome.FAILED_TO_START, OptionalInt.empty(), duration, failure);
    }

    boolean succeeded()
    {
        return outcome == Outcome.EXITED && exitCode.getAsInt() == 0;
    }
}
