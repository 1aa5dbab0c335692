package dev.deckhand.tasks;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;
import dev.deckhand.chat.Chat;
import dev.deckhand.chat.Message;
import dev.deckhand.interaction.ButtonAction;
import dev.deckhand.interaction.Click;
import dev.deckhand.interaction.Reply;
import dev.deckhand.testing.Json;
import dev.deckhand.testing.SlackRequests;
import dev.deckhand.testing.TestingDeckhand;
import dev.deckhand.testing.TestingSlack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Durable work seen from outside: tasks once per period, outbox messages once, once-per-message
 * buttons once, script limits and Cancel across replicas. Subclasses supply the replicas: two on
 * one PostgreSQL, or one on H2 (then both handles are the same process).
 */
abstract class DurableWorkSuite
{
    static final String CONFIG = """
            access:
              admins: [U0ADMIN]
            scripts:
              dir: @DIR@
              list:
                - { name: wait, command: [wait.sh], allow: [everyone] }
            """;
    static final Map<String, String> SCRIPTS = Map.of("wait.sh", "#!/bin/sh\nsleep 300\n");
    static final Map<String, String> FAST_PACING = Map.of("DECKHAND_OUTBOX_POST_INTERVAL_MS", "20", "DECKHAND_OUTBOX_EDIT_INTERVAL_MS", "20");

    static final TaskKey<String> TEST_ONCE = TaskKey.of("test-once", String.class);
    static final TaskKey<String> TEST_BEAT = TaskKey.of("test-beat", String.class);
    static final Queue<Beat> BEATS = new ConcurrentLinkedQueue<>();
    static final Queue<Instant> TICKS = new ConcurrentLinkedQueue<>();
    static final Queue<String> ONE_TIME_ATTEMPTS = new ConcurrentLinkedQueue<>();
    static final AtomicInteger ONCE_CLICKS = new AtomicInteger();

    abstract TestingDeckhand first();

    abstract TestingDeckhand second();

    abstract TestingSlack slack();

    /** What each replica adds: a recurring task that notes when it runs, and a button that acts once. */
    static Module testWork()
    {
        return new AbstractModule()
        {
            @Override
            protected void configure()
            {
                Multibinder.newSetBinder(binder(), TaskDefinition.class).addBinding()
                        .toInstance(TaskDefinition.recurring("test-tick", Duration.ofMillis(500), () -> TICKS.add(Instant.now())));
                Multibinder.newSetBinder(binder(), TaskDefinition.class).addBinding().toInstance(TaskDefinition.oneTime(TEST_ONCE, (id, data) -> {
                    ONE_TIME_ATTEMPTS.add(id + ":" + data);
                    if (ONE_TIME_ATTEMPTS.stream().filter(attempt -> attempt.startsWith(id + ":")).count() == 1) {
                        throw new IllegalStateException("first attempt of " + id + " fails, on purpose");
                    }
                    return Next.finish();
                }));
                Multibinder.newSetBinder(binder(), TaskDefinition.class).addBinding()
                        .toInstance(TaskDefinition.onSchedule(TEST_BEAT, (id, due, state) -> BEATS.add(new Beat(id, due, state))));
                Multibinder.newSetBinder(binder(), ButtonAction.class).addBinding().toInstance(new OnceAction());
            }
        };
    }

    @Test
    void aRecurringTaskRunsOncePerPeriod()
    {
        TICKS.clear();
        await().atMost(Duration.ofSeconds(30)).until(() -> TICKS.size() >= 8);

        List<Instant> ticks = new ArrayList<>(TICKS).stream().sorted().toList();
        for (int i = 1; i < ticks.size(); i++) {
            assertThat(Duration.between(ticks.get(i - 1), ticks.get(i))).as("gap before tick %d", i).isGreaterThanOrEqualTo(Duration.ofMillis(450));
        }
    }

    @Test
    void aOneTimeTaskIsRetriedAfterAFailureAndRunsOnceWhereverItWasScheduled()
    {
        String job = "job-" + java.util.UUID.randomUUID();
        DurableTasks onFirst = first().instance(DurableTasks.class);
        DurableTasks onSecond = second().instance(DurableTasks.class);
        onFirst.schedule(TEST_ONCE, job, Instant.now(), "payload");
        onSecond.schedule(TEST_ONCE, job, Instant.now(), "payload again");

        await().atMost(Duration.ofSeconds(30)).until(() -> attempts(job).size() >= 2);
        // Long enough for a wrongful third run (the retry backoff is 2 s) to show up.
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> true);

        assertThat(attempts(job)).containsExactly(job + ":payload", job + ":payload");
    }

    @Test
    void aRecurringInstanceRunsOncePerSlotAcrossReplicasUntilChangedAndNotAfterItIsCancelled()
    {
        String id = "beat-" + java.util.UUID.randomUUID();
        DurableTasks onFirst = first().instance(DurableTasks.class);
        DurableTasks onSecond = second().instance(DurableTasks.class);
        onFirst.recur(TEST_BEAT, id, Schedule.every(Duration.ofSeconds(1)), "fast");
        onSecond.recur(TEST_BEAT, id, Schedule.every(Duration.ofSeconds(1)), "fast");

        await().atMost(Duration.ofSeconds(30)).until(() -> beats(id).size() >= 4);
        onSecond.recur(TEST_BEAT, id, Schedule.every(Duration.ofHours(1)), "slow");
        Instant changed = Instant.now();

        List<Instant> dues = beats(id).stream().map(Beat::due).toList();
        for (int i = 1; i < dues.size(); i++) {
            assertThat(Duration.between(dues.get(i - 1), dues.get(i))).as("slot %d after the one before", i).isEqualTo(Duration.ofSeconds(1));
        }
        assertThat(onFirst.due(TEST_BEAT, id)).hasValueSatisfying(due -> assertThat(due).isAfter(changed.plus(Duration.ofMinutes(59))));
        assertThat(onFirst.cancel(TEST_BEAT, id)).isTrue();
        assertThat(onSecond.due(TEST_BEAT, id)).isEmpty();
        // Long enough for two more runs on the old schedule to show up.
        await().pollDelay(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(10)).until(() -> true);
        assertThat(beats(id)).as("a run in progress may end, but none is due after the change").allMatch(beat -> beat.due().isBefore(changed))
                .allMatch(beat -> beat.state().equals("fast"));
    }

    @Test
    void messagesEnqueuedOnEveryReplicaAreEachDeliveredOnce()
    {
        Chat firstChat = first().instance(Chat.class);
        Chat secondChat = second().instance(Chat.class);
        IntStream.range(0, 100).forEach(i -> (i % 2 == 0 ? firstChat : secondChat).post("C" + (i % 5), Message.text("message " + i + " of 100")));

        await().atMost(Duration.ofSeconds(60)).until(() -> posted("of 100").size() >= 100);

        List<String> posted = posted("of 100");
        assertThat(posted).hasSize(100).doesNotHaveDuplicates();
    }

    @Test
    void filesQueuedOnEitherReplicaAreUploadedOnce(@TempDir Path directory)
            throws Exception
    {
        Path output = Files.writeString(directory.resolve("out.log"), "line\n".repeat(10_000) + "the end\n");
        first().instance(Chat.class).upload("C9", "first.log", "From the first", output);
        second().instance(Chat.class).upload("C9", "second.log", "From the second", output);

        await().atMost(Duration.ofSeconds(30)).until(() -> slack().calls("files.completeUploadExternal").size() >= 2);

        assertThat(slack().calls("files.getUploadURLExternal")).extracting(call -> call.get("filename"))
                .containsExactlyInAnyOrder("first.log", "second.log");
        assertThat(slack().bodies("/upload/")).hasSize(2).allMatch(body -> body.contains("line\nline\n") && body.contains("the end"));
    }

    @Test
    void concurrentClicksOnAOnceButtonActOnce()
            throws Exception
    {
        ONCE_CLICKS.set(0);
        ExecutorService clickers = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<HttpResponse<String>>> clicks = IntStream.range(0, 8)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> click(i % 2 == 0 ? first() : second(), "U0CLICK" + i), clickers))
                    .toList();
            for (CompletableFuture<HttpResponse<String>> click : clicks) {
                assertThat(click.get().statusCode()).isEqualTo(200);
            }
        }
        finally {
            clickers.shutdownNow();
        }

        assertThat(ONCE_CLICKS.get()).isEqualTo(1);
        await().untilAsserted(() -> assertThat(slack().bodies("/response/")).filteredOn(body -> body.contains("Already done")).hasSize(7));
    }

    @Test
    void scriptLimitsAndCancelHoldAcrossReplicas()
            throws Exception
    {
        SlackRequests onFirst = first().requests();
        SlackRequests onSecond = second().requests();
        onFirst.send(onFirst.slashCommand("/run", "wait", "U0DEV"));
        await().until(() -> runId("wait") != null);

        String refused = onSecond.reply(onSecond.slashCommand("/run", "wait", "U0OTHER"));
        onSecond.send(onSecond.click("deckhand.run.cancel", runId("wait"), "U0DEV"));

        assertThat(refused).contains("`wait` is already running: <@U0DEV> started it");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(slack().calls("chat.update"))
                .anyMatch(call -> call.getOrDefault("text", "").contains("cancelled by <@U0DEV>")));
    }

    private static List<Beat> beats(String id)
    {
        return BEATS.stream().filter(beat -> beat.id().equals(id)).sorted(Comparator.comparing(Beat::due)).toList();
    }

    record Beat(String id, Instant due, String state) {}

    private static List<String> attempts(String job)
    {
        return ONE_TIME_ATTEMPTS.stream().filter(attempt -> attempt.startsWith(job + ":")).toList();
    }

    private HttpResponse<String> click(TestingDeckhand replica, String user)
    {
        try {
            SlackRequests requests = replica.requests();
            return requests.send(requests.click(OnceAction.ID, "deploy-42", user));
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> posted(String marker)
    {
        return slack().calls("chat.postMessage").stream()
                .map(call -> call.getOrDefault("text", ""))
                .filter(text -> text.contains(marker))
                .toList();
    }

    private String runId(String script)
    {
        return slack().calls("chat.postMessage").stream()
                .filter(call -> call.getOrDefault("text", "").contains("ran `" + script + "`"))
                .map(call -> Json.decoded(call.get("blocks")))
                .map(blocks -> blocks.replaceAll("(?s).*\"action_id\":\"deckhand.run.cancel\",\"value\":\"([^\"]+)\".*", "$1"))
                .findFirst().orElse(null);
    }

    /** A button that must act once, however many times and wherever it is clicked. */
    static final class OnceAction
            implements ButtonAction
    {
        static final String ID = "test.once";

        @Override
        public String actionId()
        {
            return ID;
        }

        @Override
        public boolean oncePerMessage()
        {
            return true;
        }

        @Override
        public Reply handle(Click click)
        {
            ONCE_CLICKS.incrementAndGet();
            return Reply.none();
        }
    }
}
