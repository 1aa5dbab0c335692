package dev.deckhand.tasks;

import java.time.Duration;
import java.time.Instant;

import static java.util.Objects.requireNonNull;

/** A fixed period in elapsed time, whatever the clocks on the wall do. */
record Every(Duration period)
        implements Schedule
{
    Every
    {
        requireNonNull(period, "period is null");
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("a period must be positive, not " + period);
        }
    }

    @Override
    public Instant next(Instant after)
    {
        return after.plus(period);
    }

    @Override
    public String toString()
    {
        return "every " + period;
    }
}
