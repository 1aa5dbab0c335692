package dev.deckhand.tasks;

import dev.deckhand.store.Jdbc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Seconds the most overdue, not yet picked durable task has waited past its time; 0 when none is late. */
final class TaskLag
{
    private TaskLag() {}

    static double seconds(Jdbc jdbc, Clock clock)
    {
        try {
            Instant now = clock.instant();
            Instant oldest = jdbc.query("SELECT MIN(execution_time) AS oldest FROM scheduled_tasks WHERE picked = FALSE AND execution_time <= ?",
                    row -> Jdbc.instant(row, "oldest"), now).get(0);
            return oldest == null ? 0 : Duration.between(oldest, now).toMillis() / 1000.0;
        }
        catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
