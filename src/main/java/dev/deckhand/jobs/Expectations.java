package dev.deckhand.jobs;

import dev.deckhand.tasks.Schedule;

import java.time.Duration;
import java.time.Instant;

/**
 * When an outside job's next start is expected, from the same {@link Schedule#next} that fires
 * Deckhand's own jobs. A report a little before its slot (a host's clock running fast) counts for
 * that slot: up to a minute early, and at most a quarter of the time between slots.
 */
final class Expectations
{
    private static final Duration EARLY = Duration.ofMinutes(1);

    private Expectations() {}

    /** The slot expected after a run reported at {@code at}. */
    static Instant after(Schedule schedule, Instant at)
    {
        Instant slot = schedule.next(at);
        Duration period = Duration.between(slot, schedule.next(slot));
        Duration early = period.dividedBy(4).compareTo(EARLY) < 0 ? period.dividedBy(4) : EARLY;
        if (Duration.between(at, slot).compareTo(early) > 0) {
            return slot;
        }
        // Early for the slot: the run stands for it, and the one after is expected.
        return schedule.next(slot);
    }
}
