package dev.deckhand.tasks;

import java.time.Instant;

/**
 * Where a recurring instance is due after a run, counted from the slot it ran for rather than
 * from when it finished (db-scheduler's own schedules count from the finish):
 * <ul>
 * <li>a run that ends after the next slot does not skip it: that slot runs at once, late; slots
 * it overlapped entirely collapse into that one late run;</li>
 * <li>a run that started late, because no replica was up at its slot, stands for the latest slot
 * before its start: downtime costs one catch-up run, not one per missed slot;</li>
 * <li>a finish the clock puts before the slot (a replica's clock behind, or set back) cannot
 * bring the same slot round again.</li>
 * </ul>
 */
final class Slots
{
    /** Beyond this many missed slots the latest one is not worth finding: the next after "now" is the same. */
    private static final int MAX_STEPS = 10_000;

    private Slots() {}

    static Instant afterRun(Schedule schedule, Instant due, Instant started, Instant finished)
    {
        Instant ranFor = latestAtOrBefore(schedule, due, started);
        Instant next = schedule.next(ranFor);
        if (next.isAfter(finished)) {
            return next;
        }
        return latestAtOrBefore(schedule, next, finished);
    }

    /** The last slot at or before {@code time}, stepping on from the slot {@code from}; {@code from} itself when the next is later. */
    private static Instant latestAtOrBefore(Schedule schedule, Instant from, Instant time)
    {
        Instant slot = from;
        for (int step = 0; step < MAX_STEPS; step++) {
            Instant next = schedule.next(slot);
            if (next.isAfter(time)) {
                return slot;
            }
            slot = next;
        }
        return time;
    }
}
