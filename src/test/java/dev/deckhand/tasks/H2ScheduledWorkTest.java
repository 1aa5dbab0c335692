package dev.deckhand.tasks;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The scheduled-work suite on the single-instance default, H2: a hand-over is a restart on the same store. */
class H2ScheduledWorkTest
        extends ScheduledWorkSuite
{
    @Override
    String newDatabase()
    {
        return "jdbc:h2:mem:engine-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    @Override
    int replicaCount()
    {
        return 1;
    }

    @Test
    void workAskedForBeforeTheStartOrForATaskNobodyContributedFailsClearly()
    {
        boot(Instant.parse("2026-06-01T10:00:00Z"));
        DbSchedulerTasks notStarted = new DbSchedulerTasks(store().dataSource(), definitions("idle"), new TasksConfig(Duration.ofMillis(50), Duration.ofSeconds(2)),
                new InstanceId("idle"), clock());

        assertThatThrownBy(() -> notStarted.schedule(POLL, "p", clock().instant(), 1)).isInstanceOf(IllegalStateException.class).hasMessageContaining("not started yet");
        assertThatThrownBy(() -> first().schedule(TaskKey.of("nobody", String.class), "p", clock().instant(), "x")).hasMessage("no one-time task named 'nobody' was contributed");
        assertThatThrownBy(() -> first().recur(POLL, "p", Schedule.every(Duration.ofMinutes(1)), 1)).hasMessage("no scheduled task named 'test-poll' was contributed");
        assertThatThrownBy(() -> first().schedule(TaskKey.of("test-poll", String.class), "p", clock().instant(), "x")).hasMessageContaining("another codec");
        assertThatThrownBy(() -> first().schedule(POLL, "x".repeat(151), clock().instant(), 1)).hasMessageContaining("1 to 150 characters");
        Set<TaskDefinition> twice = new HashSet<>(definitions("twice"));
        twice.add(TaskDefinition.recurring("test-poll", Duration.ofMinutes(1), () -> {}));
        assertThatThrownBy(() -> new DbSchedulerTasks(store().dataSource(), twice, new TasksConfig(Duration.ofMillis(50), Duration.ofSeconds(2)), new InstanceId("twice"), clock()))
                .hasMessage("two durable tasks are named test-poll");
    }

    @Test
    void storedStateIsReadableJsonNotJavaSerialization()
    {
        boot(Instant.parse("2026-06-01T10:00:00Z"));
        first().recur(REPORT, "seoul", Schedule.cron("30 9 * * *", SEOUL), "kst");
        first().schedule(FEED, "orders", Instant.parse("2026-06-02T00:00:00Z"), new Cursor(4, Instant.parse("2026-06-01T09:00:00Z")));

        assertThat(store().jdbc().query("SELECT task_data FROM scheduled_tasks WHERE task_name LIKE 'test-%' ORDER BY task_name",
                row -> new String(row.getBytes("task_data"), StandardCharsets.UTF_8))).containsExactly(
                "{\"page\":4,\"since\":\"2026-06-01T09:00:00Z\"}",
                "{\"schedule\":{\"cron\":\"30 9 * * *\",\"zone\":\"Asia/Seoul\"},\"state\":\"\\\"kst\\\"\"}");
    }
}
