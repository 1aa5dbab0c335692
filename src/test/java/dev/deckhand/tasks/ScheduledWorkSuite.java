package dev.deckhand.tasks;

import com.zaxxer.hikari.HikariDataSource;
import dev.deckhand.testing.TestingClock;
import dev.deckhand.testing.TestingStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * The task engine itself on a clock the test moves: self-rescheduling state handed between
 * replicas, cron schedules firing at their instants in Seoul and New York, and schedules changed
 * and cancelled at runtime, also while they run. Subclasses supply the store and how many replicas
 * share it; each test starts its own.
 */
abstract class ScheduledWorkSuite
{
    static final TaskKey<Cursor> FEED = TaskKey.of("test-feed", Cursor.class);
    static final TaskKey<Integer> POLL = TaskKey.of("test-poll", Integer.class);
    static final TaskKey<Integer> AGAIN = TaskKey.of("test-again", Integer.class);
    static final TaskKey<String> REPORT = TaskKey.of("test-report", String.class);
    static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final TasksConfig FAST = new TasksConfig(Duration.ofMillis(50), Duration.ofSeconds(2));
    /** Long enough for a wrongful run to be picked: many polling intervals. */
    private static final Duration QUIET = Duration.ofMillis(500);

    /** A paged feed's position, as a state that must survive the hand-over. */
    record Cursor(int page, Instant since) {}

    record Run(String replica, String id, Optional<Instant> due, Object state) {}

    private final List<Run> runs = new CopyOnWriteArrayList<>();
    private final Map<String, CountDownLatch> held = new ConcurrentHashMap<>();
    private final List<DbSchedulerTasks> replicas = new ArrayList<>();
    private final List<HikariDataSource> pools = new ArrayList<>();
    private final Map<DbSchedulerTasks, String> names = new ConcurrentHashMap<>();
    private TestingClock clock;
    private TestingStore store;
    private String url;
    private int started;

    /** The JDBC URL of a new, empty database. */
    abstract String newDatabase();

    abstract int replicaCount();

    @AfterEach
    void stop()
    {
        held.values().forEach(CountDownLatch::countDown);
        replicas.forEach(DbSchedulerTasks::stop);
        pools.forEach(HikariDataSource::close);
        if (store != null) {
            store.close();
        }
    }

    @Test
    void aSelfReschedulingTaskCarriesItsStateToWhicheverReplicaRunsItNext()
    {
        boot(Instant.parse("2026-01-05T09:00:00Z"));
        Instant since = clock.instant();
        assertThat(first().schedule(FEED, "orders", since, new Cursor(0, since))).isTrue();
        assertThat(last().schedule(FEED, "orders", since, new Cursor(0, since))).as("the same id again").isFalse();

        for (int page = 0; page < 3; page++) {
            awaitRuns(page + 1);
            Instant again = clock.instant().plusSeconds(5);
            await().untilAsserted(() -> assertThat(first().due(FEED, "orders")).contains(again));
            handOver(runs.get(page).replica());
            moveTo(again);
        }
        awaitRuns(4);
        await().untilAsserted(() -> assertThat(last().due(FEED, "orders")).isEmpty());

        assertThat(runs).extracting(Run::state).containsExactly(
                new Cursor(0, since), new Cursor(1, since), new Cursor(2, since.plusSeconds(5)), new Cursor(3, since.plusSeconds(10)));
        for (int i = 1; i < runs.size(); i++) {
            assertThat(runs.get(i).replica()).as("run %d", i).isNotEqualTo(runs.get(i - 1).replica());
        }
    }

    @Test
    void aCronScheduleInSeoulFiresAtItsInstantsOncePerSlot()
    {
        boot(Instant.parse("2025-03-07T23:00:00Z"));
        Schedule daily = Schedule.cron("30 9 * * *", SEOUL);
        first().recur(REPORT, "seoul", daily, "kst");

        Instant slot = Instant.parse("2025-03-08T00:30:00Z");
        for (int day = 1; day <= 3; day++) {
            assertThat(last().due(REPORT, "seoul")).contains(slot);
            moveTo(slot.minusSeconds(1));
            quietAt(day - 1);
            moveTo(slot);
            awaitRuns(day);
            slot = daily.next(slot);
            Instant next = slot;
            await().untilAsserted(() -> assertThat(first().due(REPORT, "seoul")).contains(next));
        }

        assertThat(runs).extracting(run -> run.due().orElseThrow()).containsExactly(
                Instant.parse("2025-03-08T00:30:00Z"), Instant.parse("2025-03-09T00:30:00Z"), Instant.parse("2025-03-10T00:30:00Z"));
        quietAt(3);
    }

    @Test
    void aNewYorkTimeInTheSpringForwardGapFiresAtTheGapsEnd()
    {
        boot(Instant.parse("2025-03-08T17:00:00Z"));
        Schedule night = Schedule.cron("30 2 * * *", NEW_YORK);
        first().recur(REPORT, "night", night, "est");
        Instant gapEnd = Instant.parse("2025-03-09T07:00:00Z");
        assertThat(last().due(REPORT, "night")).as("03:00 EDT").contains(gapEnd);

        moveTo(gapEnd.minusSeconds(1));
        quietAt(0);
        moveTo(gapEnd);
        awaitRuns(1);

        assertThat(runs.get(0).due()).contains(gapEnd);
        await().untilAsserted(() -> assertThat(first().due(REPORT, "night")).as("02:30 EDT").contains(Instant.parse("2025-03-10T06:30:00Z")));
    }

    @Test
    void aNewYorkTimeInTheFallBackOverlapFiresOnce()
    {
        boot(Instant.parse("2025-11-01T16:00:00Z"));
        first().recur(REPORT, "night", Schedule.cron("30 1 * * *", NEW_YORK), "edt");
        Instant slot = Instant.parse("2025-11-02T05:30:00Z");
        assertThat(last().due(REPORT, "night")).as("01:30 EDT").contains(slot);

        moveTo(slot);
        awaitRuns(1);
        await().untilAsserted(() -> assertThat(first().due(REPORT, "night")).as("01:30 EST, a day later").contains(Instant.parse("2025-11-03T06:30:00Z")));
        moveTo(Instant.parse("2025-11-02T06:31:00Z"));

        quietAt(1);
        assertThat(runs.get(0).due()).contains(slot);
    }

    @Test
    void aChangedScheduleTakesEffectOnceAndACancelledOneNeverFiresAgain()
    {
        boot(Instant.parse("2026-06-01T10:02:00Z"));
        Schedule quarterHours = Schedule.cron("*/15 * * * *", ZoneOffset.UTC);
        first().recur(REPORT, "job", Schedule.every(Duration.ofMinutes(10)), "v1");
        assertThat(first().due(REPORT, "job")).contains(at("10:12"));

        last().recur(REPORT, "job", quarterHours, "v2");
        assertThat(first().due(REPORT, "job")).contains(at("10:15"));
        moveTo(at("10:12"));
        quietAt(0);
        moveTo(at("10:15"));
        awaitRuns(1);
        await().untilAsserted(() -> assertThat(first().due(REPORT, "job")).contains(at("10:30")));
        quietAt(1);

        first().recur(REPORT, "job", quarterHours, "v2");
        last().recur(REPORT, "job", quarterHours, "v3");
        assertThat(first().due(REPORT, "job")).as("the same schedule with new state keeps its time").contains(at("10:30"));
        moveTo(at("10:30"));
        awaitRuns(2);
        await().untilAsserted(() -> assertThat(first().due(REPORT, "job")).contains(at("10:45")));

        assertThat(first().cancel(REPORT, "job")).isTrue();
        assertThat(last().cancel(REPORT, "job")).isFalse();
        assertThat(last().due(REPORT, "job")).isEmpty();
        moveTo(at("11:00"));
        quietAt(2);
        assertThat(runs).extracting(Run::due, Run::state).containsExactly(
                tuple(Optional.of(at("10:15")), "v2"), tuple(Optional.of(at("10:30")), "v3"));
    }

    @Test
    void aChangeWhileTheInstanceRunsIsAppliedWhenTheRunEnds()
    {
        boot(Instant.parse("2026-06-01T10:00:00Z"));
        hold("steady");
        first().recur(REPORT, "steady", Schedule.every(Duration.ofMinutes(1)), "v1");
        moveTo(at("10:01"));
        awaitRuns(1);

        last().recur(REPORT, "steady", Schedule.every(Duration.ofHours(1)), "v2");
        release("steady");
        await().untilAsserted(() -> assertThat(first().due(REPORT, "steady")).as("the run ended on its old schedule").contains(at("10:02")));
        moveTo(at("10:01:01"));

        await().untilAsserted(() -> assertThat(first().due(REPORT, "steady")).as("then the change applied").contains(at("11:01:01")));
        moveTo(at("10:02"));
        quietAt(1);
        moveTo(at("11:01:01"));
        awaitRuns(2);
        assertThat(runs.get(1).state()).isEqualTo("v2");
    }

    @Test
    void aRunDueOnAScheduleReplacedWhileTheLastRunRanDoesNotStart()
    {
        boot(Instant.parse("2026-06-01T10:00:00Z"));
        hold("fast");
        first().recur(REPORT, "fast", Schedule.every(Duration.ofSeconds(2)), "v1");
        moveTo(at("10:00:02"));
        awaitRuns(1);

        last().recur(REPORT, "fast", Schedule.every(Duration.ofHours(1)), "v2");
        // Under the heartbeat limit, or the held run would count as dead. The run ends past its next slot, 10:00:04,
        // which is due at once, before the change looks again.
        moveTo(at("10:00:05"));
        release("fast");

        await().untilAsserted(() -> assertThat(first().due(REPORT, "fast")).contains(at("11:00:05")));
        quietAt(1);
    }

    @Test
    void aCancelWhileTheInstanceRunsLetsTheRunEndAndIsItsLast()
    {
        boot(Instant.parse("2026-06-01T10:00:00Z"));
        hold("doomed");
        hold("eager");
        first().recur(REPORT, "doomed", Schedule.every(Duration.ofSeconds(2)), "v1");
        first().schedule(AGAIN, "eager", at("10:00:02"), 0);
        moveTo(at("10:00:02"));
        awaitRuns(2);

        assertThat(last().cancel(REPORT, "doomed")).isTrue();
        assertThat(last().cancel(AGAIN, "eager")).isTrue();
        // Both runs end wanting to run again at once, before the cancels look again (see above).
        moveTo(at("10:00:05"));
        release("doomed");
        release("eager");

        await().untilAsserted(() -> assertThat(first().due(REPORT, "doomed")).isEmpty());
        await().untilAsserted(() -> assertThat(first().due(AGAIN, "eager")).isEmpty());
        moveTo(at("10:00:10"));
        quietAt(2);
    }

    @Test
    void anIdCancelledWhileItsLastRunRanIsFreeOnceTheCancelIsApplied()
    {
        boot(Instant.parse("2026-06-01T10:00:00Z"));
        hold("orders");
        first().schedule(FEED, "orders", clock.instant(), new Cursor(3, clock.instant()));
        awaitRuns(1);
        assertThat(last().cancel(FEED, "orders")).isTrue();
        release("orders");
        await().untilAsserted(() -> assertThat(first().due(FEED, "orders")).as("it finished on its own").isEmpty());

        assertThat(first().schedule(FEED, "orders", clock.instant(), new Cursor(3, clock.instant()))).as("the cancel still waits").isFalse();
        moveTo(at("10:00:01"));
        await().until(() -> first().schedule(FEED, "orders", clock.instant(), new Cursor(3, clock.instant())));
        awaitRuns(2);
    }

    @Test
    void aSelfReschedulingTaskIsCancelledByItsKey()
    {
        boot(Instant.parse("2026-06-01T10:00:00Z"));
        first().schedule(POLL, "p", clock.instant(), 0);
        awaitRuns(1);
        await().untilAsserted(() -> assertThat(last().due(POLL, "p")).contains(at("10:00:05")));
        moveTo(at("10:00:05"));
        awaitRuns(2);
        await().untilAsserted(() -> assertThat(last().due(POLL, "p")).contains(at("10:00:10")));

        assertThat(last().cancel(POLL, "p")).isTrue();

        assertThat(first().due(POLL, "p")).isEmpty();
        assertThat(first().cancel(POLL, "p")).as("already gone").isFalse();
        moveTo(at("10:01"));
        quietAt(2);
        assertThat(runs).extracting(Run::state).containsExactly(0, 1);
        assertThat(first().schedule(POLL, "p", clock.instant(), 7)).as("its id is free again").isTrue();
        awaitRuns(3);
    }

    @Test
    void reconcilingAddsChangesAndCancelsToMatchWhatIsWanted()
    {
        boot(Instant.parse("2026-06-01T10:00:00Z"));
        Schedule hourly = Schedule.every(Duration.ofHours(1));
        first().reconcile(REPORT, Map.of("a", new Recurrence<>(hourly, "a"), "b", new Recurrence<>(hourly, "b")));
        assertThat(last().due(REPORT, "a")).contains(at("11:00"));
        moveTo(at("10:30"));

        last().reconcile(REPORT, Map.of("b", new Recurrence<>(Schedule.every(Duration.ofHours(2)), "b"), "c", new Recurrence<>(hourly, "c")));

        assertThat(first().due(REPORT, "a")).isEmpty();
        assertThat(first().due(REPORT, "b")).contains(at("12:30"));
        assertThat(first().due(REPORT, "c")).contains(at("11:30"));
    }

    DbSchedulerTasks first()
    {
        return replicas.get(0);
    }

    DbSchedulerTasks last()
    {
        return replicas.get(replicas.size() - 1);
    }

    TestingStore store()
    {
        return store;
    }

    TestingClock clock()
    {
        return clock;
    }

    void boot(Instant at)
    {
        clock = new TestingClock(at);
        url = newDatabase();
        store = new TestingStore(url);
        for (int i = 0; i < replicaCount(); i++) {
            replicas.add(replica());
        }
    }

    /** Stops the replica named {@code name}, as a crash-free stop or a deploy would, and starts another in its place. */
    private void handOver(String name)
    {
        DbSchedulerTasks leaving = replicas.stream().filter(replica -> name.equals(names.get(replica))).findFirst().orElseThrow();
        leaving.stop();
        replicas.remove(leaving);
        replicas.add(replica());
    }

    DbSchedulerTasks replica()
    {
        String name = "replica-" + (++started);
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        pool.setMaximumPoolSize(6);
        pools.add(pool);
        DbSchedulerTasks replica = new DbSchedulerTasks(pool, definitions(name), FAST, new InstanceId(name), clock);
        names.put(replica, name);
        replica.start();
        return replica;
    }

    Set<TaskDefinition> definitions(String replica)
    {
        return Set.of(
                TaskDefinition.oneTime(FEED, (id, cursor) -> {
                    ran(replica, id, Optional.empty(), cursor);
                    return cursor.page() < 3 ? Next.in(Duration.ofSeconds(5), new Cursor(cursor.page() + 1, clock.instant())) : Next.finish();
                }),
                TaskDefinition.oneTime(POLL, (id, count) -> {
                    ran(replica, id, Optional.empty(), count);
                    return Next.in(Duration.ofSeconds(5), count + 1);
                }),
                TaskDefinition.oneTime(AGAIN, (id, count) -> {
                    ran(replica, id, Optional.empty(), count);
                    return Next.in(Duration.ZERO, count + 1);
                }),
                TaskDefinition.onSchedule(REPORT, (id, due, state) -> ran(replica, id, Optional.of(due), state)));
    }

    private void ran(String replica, String id, Optional<Instant> due, Object state)
            throws InterruptedException
    {
        runs.add(new Run(replica, id, due, state));
        CountDownLatch hold = held.get(id);
        if (hold != null && !hold.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("held for too long");
        }
    }

    private void hold(String id)
    {
        held.put(id, new CountDownLatch(1));
    }

    private void release(String id)
    {
        held.get(id).countDown();
    }

    void moveTo(Instant at)
    {
        assertThat(at).as("the clock only moves forward").isAfterOrEqualTo(clock.instant());
        clock.advance(Duration.between(clock.instant(), at));
    }

    void awaitRuns(int count)
    {
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(runs).hasSizeGreaterThanOrEqualTo(count));
        assertThat(runs).as("runs").hasSize(count);
    }

    /** Still exactly {@code count} runs after the engine had many chances to start one. */
    void quietAt(int count)
    {
        await().during(QUIET).atMost(QUIET.multipliedBy(4)).untilAsserted(() -> assertThat(runs).hasSize(count));
    }

    private static Instant at(String time)
    {
        return Instant.parse("2026-06-01T" + (time.length() == 5 ? time + ":00" : time) + "Z");
    }
}
