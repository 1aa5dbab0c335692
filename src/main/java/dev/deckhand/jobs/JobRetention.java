package dev.deckhand.jobs;

import dev.deckhand.store.Jdbc;
import dev.deckhand.tasks.TaskDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Keeps the history bounded, once an hour across replicas: per job the newest {@link #RUNS_KEPT} runs
 * and nothing older than {@link #RUNS_FOR}; pings for {@link #PINGS_FOR}. Runs still going, and the
 * run a job's board shows as its last, are never removed.
 */
final class JobRetention
{
    static final int RUNS_KEPT = 500;
    static final Duration RUNS_FOR = Duration.ofDays(30);
    static final Duration PINGS_FOR = Duration.ofDays(2);
    private static final Logger log = LoggerFactory.getLogger(JobRetention.class);

    private final Jdbc jdbc;
    private final Clock clock;

    JobRetention(Jdbc jdbc, Clock clock)
    {
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    TaskDefinition task()
    {
        return TaskDefinition.recurring("job-retention", Duration.ofHours(1), this::prune);
    }

    void prune()
    {
        Instant now = clock.instant();
        String keep = "status = 'ended' AND id NOT IN (SELECT last_run FROM job_states WHERE last_run IS NOT NULL)";
        int old = jdbc.update("DELETE FROM job_runs WHERE started_at < ? AND " + keep, now.minus(RUNS_FOR));
        int surplus = 0;
        List<String> crowded = jdbc.query("SELECT job FROM job_runs GROUP BY job HAVING COUNT(*) > ?", row -> row.getString("job"), RUNS_KEPT);
        for (String job : crowded) {
            List<Instant> cut = jdbc.query("SELECT started_at FROM job_runs WHERE job = ? ORDER BY started_at DESC OFFSET " + RUNS_KEPT + " ROWS FETCH FIRST 1 ROWS ONLY",
                    row -> Jdbc.instant(row, "started_at"), job);
            if (!cut.isEmpty()) {
                surplus += jdbc.update("DELETE FROM job_runs WHERE job = ? AND started_at <= ? AND " + keep, job, cut.get(0));
            }
        }
        int pings = jdbc.update("DELETE FROM job_pings WHERE received_at < ?", now.minus(PINGS_FOR));
        if (old + surplus + pings > 0) {
            log.info("job history pruned: {} runs older than {} days, {} runs past the newest {} of their job, {} pings", old, RUNS_FOR.toDays(), surplus, RUNS_KEPT, pings);
        }
    }
}
