package dev.deckhand.jobs;

import java.util.Arrays;

/** How a run ended; stored and tagged as {@link #tag()}. */
public enum JobOutcome
{
    SUCCEEDED("succeeded"),
    FAILED("failed"),
    TIMED_OUT("timed_out"),
    TOO_FAST("too_fast"),
    SKIPPED("skipped"),
    MISSED("missed"),
    INTERRUPTED("interrupted");

    private final String tag;

    JobOutcome(String tag)
    {
        this.tag = tag;
    }

    public String tag()
    {
        return tag;
    }

    /** A failure for the outage: everything but a success and a skip. */
    public boolean failure()
    {
        return switch (this) {
            case SUCCEEDED, SKIPPED -> false;
            case FAILED, TIMED_OUT, TOO_FAST, MISSED, INTERRUPTED -> true;
        };
    }

    /** Alerts at once, whatever the job's failure tolerance: the run never happened or never ended. */
    public boolean alertsAtOnce()
    {
        return this == MISSED || this == TIMED_OUT;
    }

    static JobOutcome of(String tag)
    {
        return Arrays.stream(values()).filter(outcome -> outcome.tag.equals(tag)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown job outcome " + tag));
    }
}
