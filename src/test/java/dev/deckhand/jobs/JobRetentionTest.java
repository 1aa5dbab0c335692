package dev.deckhand.jobs;

import dev.deckhand.store.Jdbc;
import dev.deckhand.testing.TestingClock;
import dev.deckhand.testing.TestingStore;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/** The history stays bounded: old runs and the surplus of a busy job go, runs going on and the board's last run stay. */
class JobRetentionTest
{
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    @Test
    void keepsTheNewestRunsOfEachJobAndNothingTooOld()
    {
        try (TestingStore testing = new TestingStore()) {
            keeps(testing.jdbc());
        }
    }

    private static void keeps(Jdbc jdbc)
    {
        JobStore store = new JobStore(jdbc);
        store.state("busy", NOW, Optional.empty());
        store.state("quiet", NOW, Optional.empty());
        // Oldest first, as runs end: the last one is the board's last run.
        for (int i = JobRetention.RUNS_KEPT + 19; i >= 0; i--) {
            store.insert(run("busy-" + i, "busy", NOW.minus(Duration.ofMinutes(i + 1)), false), "");
        }
        store.insert(run("older", "quiet", NOW.minus(Duration.ofDays(41)), false), "");
        store.insert(run("old", "quiet", NOW.minus(Duration.ofDays(40)), false), "");
        store.insert(run("going", "quiet", NOW.minus(Duration.ofDays(45)), true), "");

        new JobRetention(jdbc, new TestingClock(NOW)).prune();

        assertThat(store.runs("busy", 10_000)).hasSize(JobRetention.RUNS_KEPT);
        assertThat(store.runs("busy", 1).get(0).id()).isEqualTo("busy-0");
        // "older" went; "old" is the board's last run of its job, and "going" has not ended.
        assertThat(store.runs("quiet", 10)).extracting(JobRunRecord::id).containsExactlyInAnyOrder("old", "going");
    }

    private static JobRunRecord run(String id, String job, Instant started, boolean running)
    {
        return new JobRunRecord(id, job, StartedBy.SCHEDULE, Optional.empty(), Optional.empty(), Optional.empty(), 1, running, started,
                running ? Optional.empty() : Optional.of(started), running ? Optional.empty() : Optional.of(JobOutcome.SUCCEEDED), OptionalInt.empty(),
                Optional.empty(), "", Optional.empty(), Optional.empty());
    }
}
