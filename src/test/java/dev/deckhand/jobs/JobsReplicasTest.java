package dev.deckhand.jobs;

import dev.deckhand.testing.TestingClock;
import dev.deckhand.testing.TestingDeckhand;
import dev.deckhand.testing.TestingPostgres;
import dev.deckhand.testing.TestingSlack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Two Deckhand replicas on one PostgreSQL, started together on one clock: each slot of a minutely job runs once, on one of them. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobsReplicasTest
{
    private static final List<String> JOBS = List.of("minutely", "pulse");
    private static final int SLOTS = 3;
    private static final String CONFIG = """
            timezone: UTC
            slack: { channel: "#ops" }
            scripts:
              dir: @DIR@
              list:
                - name: tick
                  command: [tick.sh]
                  timeout: 30s
            jobs:
              - name: minutely
                schedule: "* * * * *"
                run: { script: tick }
              - name: pulse
                every: 1m
                run: { script: tick }
            """;

    @TempDir
    static Path directory;
    private final TestingClock clock = TestingClock.ticking(Instant.parse("2026-02-02T09:00:05Z"));
    private TestingPostgres postgres;
    private TestingSlack slack;
    private TestingDeckhand first;
    private TestingDeckhand second;

    @BeforeAll
    void start()
            throws Exception
    {
        postgres = TestingPostgres.start();
        slack = new TestingSlack();
        TestingDeckhand.prepare(directory, CONFIG, Map.of("tick.sh", "#!/bin/sh\necho tick\n"));
        Map<String, String> environment = Map.of("DECKHAND_DB_URL", postgres.createDatabase("deckhand"));
        // Started together: both create the job's slot instance on an empty store at once.
        CompletableFuture<TestingDeckhand> one = CompletableFuture.supplyAsync(() -> replica(environment));
        CompletableFuture<TestingDeckhand> other = CompletableFuture.supplyAsync(() -> replica(environment));
        first = one.join();
        second = other.join();
    }

    private TestingDeckhand replica(Map<String, String> environment)
    {
        try {
            return TestingDeckhand.overriding(directory, slack, environment, List.of(binder -> binder.bind(Clock.class).toInstance(clock)));
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    void stop()
    {
        second.close();
        first.close();
        slack.close();
        postgres.close();
    }

    @Test
    void eachSlotRunsOnceAcrossBothReplicas()
    {
        Map<String, List<Instant>> fired = JOBS.stream().collect(Collectors.toMap(job -> job, job -> new ArrayList<>()));
        for (int round = 0; round < SLOTS; round++) {
            List<Map.Entry<String, Instant>> dues = JOBS.stream().map(job -> Map.entry(job, due(first, job)))
                    .sorted(Map.Entry.comparingByValue(Comparator.naturalOrder())).toList();
            for (Map.Entry<String, Instant> due : dues) {
                assertThat(due(second, due.getKey())).as("both replicas see one due time").isEqualTo(due.getValue());
                // Just before the slot, with nothing running: the clock's own ticking carries it over.
                Instant before = due.getValue().minusSeconds(1);
                if (clock.instant().isBefore(before)) {
                    clock.advance(Duration.between(clock.instant(), before));
                }
                await().atMost(Duration.ofSeconds(20)).until(() -> store().runs(due.getKey(), 100).stream()
                        .anyMatch(run -> run.slot().equals(Optional.of(due.getValue())) && !run.running()));
                await().atMost(Duration.ofSeconds(10)).until(() -> due(first, due.getKey()).isAfter(due.getValue()));
                fired.get(due.getKey()).add(due.getValue());
            }
        }
        // Long enough for a second replica's duplicate to show.
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);

        for (String job : JOBS) {
            List<JobRunRecord> runs = store().runs(job, 100);
            Map<Optional<Instant>, Long> perSlot = runs.stream().collect(Collectors.groupingBy(JobRunRecord::slot, Collectors.counting()));
            assertThat(perSlot).as(job + ": runs per slot").containsOnlyKeys(fired.get(job).stream().map(Optional::of).toList())
                    .allSatisfy((slot, count) -> assertThat(count).as(job + " at " + slot).isEqualTo(1));
            assertThat(runs).as(job).hasSize(SLOTS).allSatisfy(run -> {
                assertThat(run.startedBy()).isEqualTo(StartedBy.SCHEDULE);
                assertThat(run.outcome()).contains(JobOutcome.SUCCEEDED);
            });
            assertThat(fired.get(job).get(1)).isEqualTo(fired.get(job).get(0).plus(Duration.ofMinutes(1)));
            assertThat(fired.get(job).get(2)).isEqualTo(fired.get(job).get(1).plus(Duration.ofMinutes(1)));
        }
        assertThat(fired.get("minutely")).allSatisfy(slot -> assertThat(slot.getEpochSecond() % 60).isZero());
    }

    private Instant due(TestingDeckhand replica, String job)
    {
        return replica.instance(JobSchedules.class).next(replica.instance(JobsService.class).job(job)).orElseThrow();
    }

    private JobStore store()
    {
        return first.instance(JobStore.class);
    }
}
