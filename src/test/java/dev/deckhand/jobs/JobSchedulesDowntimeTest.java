package dev.deckhand.jobs;

import dev.deckhand.store.Jdbc;
import dev.deckhand.testing.TestingClock;
import dev.deckhand.testing.TestingDeckhand;
import dev.deckhand.testing.TestingSlack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Deckhand stopped over two slots and started again on the same store: a job that catches up runs
 * once, announced as a catch-up for the latest slot; one with {@code catchUp: skip} says once that it
 * missed its runs while Deckhand was down; an outside job, whose pings nobody could receive, has its
 * expected start moved on by the downtime and alerts once only when that and its grace pass without a ping.
 */
class JobSchedulesDowntimeTest
{
    private static final Duration HALF_HOUR = Duration.ofMinutes(30);
    private static final Duration GRACE = Duration.ofMinutes(5);
    private static final Duration STEP = Duration.ofSeconds(20);
    private static final String CONFIG = """
            timezone: UTC
            slack: { channel: "#ops" }
            access: { admins: [U0ADMIN] }
            scripts:
              dir: @DIR@
              list:
                - name: tick
                  command: [tick.sh]
                  timeout: 30s
            jobs:
              - name: sync
                every: 30m
                run: { script: tick }
                channel: "#sync"
              - name: report
                every: 30m
                run: { script: tick }
                catchUp: skip
                channel: "#report"
              - name: backup
                every: 30m
                grace: 5m
                channel: "#backup"
            """;

    @TempDir
    Path directory;
    private final TestingClock clock = TestingClock.ticking(Instant.parse("2026-01-05T10:00:00Z"));

    @Test
    void aRestartAfterTwoSlotsCatchesUpOnceSaysMissedOnceAndGivesOutsideJobsAFreshGrace()
            throws Exception
    {
        TestingDeckhand.prepare(directory, CONFIG, Map.of("tick.sh", "#!/bin/sh\necho tick\n"));
        Map<String, String> environment = Map.of("DECKHAND_DB_URL", "jdbc:h2:file:" + directory.resolve("data").resolve("deckhand"));
        try (TestingSlack slack = new TestingSlack()) {
            Instant syncDue;
            Instant reportDue;
            try (TestingDeckhand before = start(slack, environment)) {
                syncDue = schedules(before).next(job(before, "sync")).orElseThrow();
                reportDue = schedules(before).next(job(before, "report")).orElseThrow();
                assertThat(store(before).find("backup").flatMap(JobState::expectedAt)).isPresent();
                await().atMost(Duration.ofSeconds(20)).until(() -> lookedAt(before).isPresent());
            }
            // Down over two slots of each job: due and due + 30m.
            Instant restart = syncDue.plus(HALF_HOUR).plus(Duration.ofMinutes(6));
            clock.advance(Duration.between(clock.instant(), restart));

            try (TestingDeckhand after = start(slack, environment)) {
                JobStore store = store(after);
                await().atMost(Duration.ofSeconds(30)).until(() -> store.runs("sync", 10).stream().anyMatch(run -> !run.running()));
                await().atMost(Duration.ofSeconds(10)).until(() -> posts(slack, "#report").size() >= 1);
                // The watch has seen the gap and moved the outside job's expected start past the restart.
                await().atMost(Duration.ofSeconds(10)).until(() -> store.find("backup").flatMap(JobState::expectedAt).filter(at -> !at.isBefore(restart)).isPresent());
                Instant freshDeadline = store.find("backup").flatMap(JobState::expectedAt).orElseThrow().plus(GRACE);
                waitForLooks(after, 3);

                List<JobRunRecord> syncRuns = store.runs("sync", 10);
                assertThat(syncRuns).as("one catch-up run, not one per missed slot").hasSize(1);
                assertThat(syncRuns.get(0).startedBy()).isEqualTo(StartedBy.CATCH_UP);
                assertThat(syncRuns.get(0).slot()).as("the latest slot missed").contains(syncDue.plus(HALF_HOUR));
                assertThat(syncRuns.get(0).outcome()).contains(JobOutcome.SUCCEEDED);
                assertThat(posts(slack, "#sync")).as("the catch-up run is announced in its channel")
                        .hasSize(1).allMatch(text -> text.contains("*sync*")
                                && text.contains("Catch-up run for the " + JobViews.when(syncDue.plus(HALF_HOUR), ZoneOffset.UTC) + " slot: runs were missed while Deckhand was down"));
                assertThat(posts(slack, "#report")).as("one 'missed while down' for the skip job").hasSize(1);
                assertThat(posts(slack, "#report").get(0))
                        .startsWith(":zzz: *report* missed 2 run(s) while Deckhand was down (" + JobViews.when(reportDue, ZoneOffset.UTC) + " – ")
                        .endsWith("Its catchUp is skip, so it runs next at " + JobViews.when(reportDue.plus(HALF_HOUR.multipliedBy(2)), ZoneOffset.UTC) + ".");
                assertThat(store.runs("report", 10)).as("a skip job does not run").isEmpty();
                assertThat(posts(slack, "#backup")).as("no alert for the outside job: its pings could not be received").isEmpty();
                assertThat(named(slack, "backup")).isEmpty();
                assertThat(schedules(after).next(job(after, "sync"))).contains(syncDue.plus(HALF_HOUR).plus(HALF_HOUR));

                // Time passes with the watch looking all along (a jump would look like downtime again).
                while (clock.instant().plus(STEP).isBefore(freshDeadline.minusSeconds(1))) {
                    step(after);
                    assertThat(named(slack, "backup")).as("no alert before the fresh grace passes, at " + clock.instant()).isEmpty();
                }
                while (!clock.instant().isAfter(freshDeadline.plusSeconds(10))) {
                    step(after);
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> named(slack, "backup").size() >= 1);
                waitForLooks(after, 3);
                assertThat(posts(slack, "#backup")).as("one missed alert for the outside job").hasSize(1)
                        .allMatch(text -> text.contains("*backup* missed its") && text.contains("nothing started within 5m"));
                assertThat(named(slack, "backup")).hasSize(1);
                assertThat(posts(slack, "#report")).hasSize(1);
                assertThat(posts(slack, "#sync")).hasSize(1);
                assertThat(slack.decodedCalls("chat.postMessage")).as("nothing went to the default channel").noneMatch(call -> "#ops".equals(call.get("channel")));
            }
        }
    }

    private TestingDeckhand start(TestingSlack slack, Map<String, String> environment)
            throws Exception
    {
        return TestingDeckhand.overriding(directory, slack, environment, List.of(binder -> binder.bind(Clock.class).toInstance(clock)));
    }

    /** {@link #STEP} on, less than the watch's gap, and a look of the watch after it. */
    private void step(TestingDeckhand deckhand)
    {
        step(deckhand, STEP);
    }

    private void step(TestingDeckhand deckhand, Duration duration)
    {
        clock.advance(duration);
        Instant moved = clock.instant();
        await().atMost(Duration.ofSeconds(10)).until(() -> lookedAt(deckhand).filter(at -> !at.isBefore(moved)).isPresent());
    }

    /** Looks of the watch, a little over its period apart, without waiting for them in real time. */
    private void waitForLooks(TestingDeckhand deckhand, int looks)
    {
        for (int i = 0; i < looks; i++) {
            step(deckhand, JobWatch.EVERY.plusSeconds(1));
        }
    }

    private static Optional<Instant> lookedAt(TestingDeckhand deckhand)
    {
        return deckhand.instance(Jdbc.class).query("SELECT looked_at FROM job_watch WHERE id = 1", row -> Jdbc.instant(row, "looked_at")).stream().findFirst();
    }

    private static List<String> posts(TestingSlack slack, String channel)
    {
        return slack.decodedCalls("chat.postMessage").stream().filter(call -> channel.equals(call.get("channel"))).map(call -> call.get("text")).toList();
    }

    private static List<String> named(TestingSlack slack, String job)
    {
        return slack.decodedCalls("chat.postMessage").stream().map(call -> call.get("text")).filter(text -> text != null && text.contains(job)).toList();
    }

    private static JobDefinition job(TestingDeckhand deckhand, String name)
    {
        return deckhand.instance(JobsService.class).job(name);
    }

    private static JobSchedules schedules(TestingDeckhand deckhand)
    {
        return deckhand.instance(JobSchedules.class);
    }

    private static JobStore store(TestingDeckhand deckhand)
    {
        return deckhand.instance(JobStore.class);
    }
}
