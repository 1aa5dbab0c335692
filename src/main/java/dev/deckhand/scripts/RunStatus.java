package dev.deckhand.scripts;

import java.util.Arrays;
import java.util.Locale;

/** Where a script run is: running, or how it ended. The store's status column and the {@code outcome} metric tag both use {@link #tag()}. */
enum RunStatus
{
    RUNNING,
    SUCCEEDED,
    FAILED,
    TIMED_OUT,
    CANCELLED,
    FAILED_TO_START,
    INTERRUPTED;

    /** The one mapping to text: {@code running}, {@code timed-out}, … */
    String tag()
    {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static RunStatus of(String tag)
    {
        return Arrays.stream(values()).filter(status -> status.tag().equals(tag)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a run status: " + tag));
    }

    /** How a process's end counts: exit 0 succeeded, any other exit failed. */
    static RunStatus of(ProcessResult result)
    {
        return switch (result.outcome()) {
            case EXITED -> result.succeeded() ? SUCCEEDED : FAILED;
            case TIMED_OUT -> TIMED_OUT;
            case CANCELLED -> CANCELLED;
            case FAILED_TO_START -> FAILED_TO_START;
        };
    }
}
