package dev.deckhand.outbox;

import dev.deckhand.app.MainModule;
import dev.deckhand.chat.Chat;
import dev.deckhand.chat.Conversation;
import dev.deckhand.chat.LogChat;
import dev.deckhand.chat.Message;
import dev.deckhand.chat.MessageRef;
import dev.deckhand.config.ConfigHolder;
import dev.deckhand.config.ConfigLoader;
import dev.deckhand.config.Environment;
import dev.deckhand.errors.ErrorTranslator;
import dev.deckhand.outbox.DeliveryException.Kind;
import dev.deckhand.tasks.TaskDefinition;
import dev.deckhand.testing.TestingClock;
import dev.deckhand.testing.TestingStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** The outbox's delivery rules, with a hand-moved clock and a transport that fails on cue. */
class OutboxDrainTest
{
    private static final Instant START = Instant.parse("2026-11-25T00:00:00Z");

    @TempDir
    Path directory;
    private TestingStore store;
    private TestingClock clock;
    private ScriptedTransport transport;
    private OutboxDrain drain;
    private java.util.function.Supplier<OutboxDrain> newDrain;
    private Outbox outbox;
    private Chat chat;
    private SimpleMeterRegistry metrics;

    @BeforeEach
    void setUp()
            throws Exception
    {
        store = new TestingStore();
        clock = new TestingClock(START);
        transport = new ScriptedTransport();
        metrics = new SimpleMeterRegistry();
        Path file = Files.writeString(directory.resolve("deckhand.yml"), "access:\n  admins: [U0ADMIN]\n");
        ConfigLoader loader = new ConfigLoader(new Environment(Map.of()), directory, MainModule.sections());
        ConfigHolder config = new ConfigHolder(loader, file, loader.load(file));
        OutboxConfig tasks = new OutboxConfig(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofHours(24));
        OutboxStore outboxStore = new OutboxStore(store.jdbc());
        OutboxFailures failures = new OutboxFailures(outboxStore, config, new ErrorTranslator(), tasks, clock, metrics);
        OutboxSignal signal = new OutboxSignal();
        newDrain = () -> new OutboxDrain(outboxStore, transport, failures, signal, tasks, clock, metrics);
        drain = newDrain.get();
        outbox = new Outbox(outboxStore, signal, failures, clock);
        chat = outbox.chat(transport, new LogChat());
    }

    @AfterEach
    void tearDown()
    {
        store.close();
    }

    @Test
    void anEditWaitsForItsPostAndSupersededEditsAreSkipped()
    {
        transport.failNext(Kind.TRANSIENT);
        MessageRef message = chat.post("C1", Message.text("v0"));
        chat.update(message, Message.text("v1"));
        chat.update(message, Message.text("v2"));

        drain.deliverDue();
        assertThat(transport.sent).isEmpty();
        clock.advance(Duration.ofSeconds(3));
        drain.deliverDue();
        drain.deliverDue();
        clock.advance(Duration.ofSeconds(1));
        drain.deliverDue();

        assertThat(transport.sent).containsExactly("post C1 v0 -> 1", "update C1 1 v2");
    }

    @Test
    void rateLimitPausesEverythingForRetryAfter()
    {
        transport.rateLimitNext(Duration.ofSeconds(30));
        chat.post("C1", Message.text("one"));
        chat.post("C2", Message.text("two"));

        drain.deliverDue();
        clock.advance(Duration.ofSeconds(29));
        drain.deliverDue();
        assertThat(transport.sent).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        drain.deliverDue();

        assertThat(transport.sent).containsExactly("post C1 one -> 1", "post C2 two -> 2");
        assertThat(metrics.counter("deckhand.outbox.retries", "reason", "rate_limited").count()).isEqualTo(1);
    }

    @Test
    void aReplicaTakingOverDeliveryHonoursA429TheOtherMet()
    {
        transport.rateLimitNext(Duration.ofSeconds(30));
        chat.post("C1", Message.text("one"));
        chat.post("C2", Message.text("two"));
        drain.deliverDue();
        OutboxDrain other = newDrain();

        clock.advance(Duration.ofSeconds(10));
        other.takeOver();
        other.deliverDue();
        assertThat(transport.attempts).as("only the call that met the 429").isEqualTo(1);
        clock.advance(Duration.ofSeconds(20));
        other.deliverDue();

        assertThat(transport.sent).containsExactly("post C1 one -> 1", "post C2 two -> 2");
    }

    @Test
    void postsArePacedPerChannel()
    {
        chat.post("C1", Message.text("a"));
        chat.post("C1", Message.text("b"));
        chat.post("C2", Message.text("c"));

        drain.deliverDue();
        assertThat(transport.sent).containsExactly("post C1 a -> 1", "post C2 c -> 2");
        drain.deliverDue();
        assertThat(transport.sent).hasSize(2);
        clock.advance(Duration.ofSeconds(1));
        drain.deliverDue();

        assertThat(transport.sent).containsExactly("post C1 a -> 1", "post C2 c -> 2", "post C1 b -> 3");
    }

    @Test
    void aPostBeingRetriedIsNotOvertakenInItsChannel()
    {
        transport.failNext(Kind.TRANSIENT);
        chat.post("C1", Message.text("first"));
        chat.post("C1", Message.text("second"));
        chat.post("C2", Message.text("elsewhere"));

        drain.deliverDue();
        drain.deliverDue();
        assertThat(transport.sent).as("first waits a second before its retry; second waits for first").containsExactly("post C2 elsewhere -> 1");
        clock.advance(Duration.ofSeconds(1));
        drain.deliverDue();
        clock.advance(Duration.ofSeconds(1));
        drain.deliverDue();

        assertThat(transport.sent).containsExactly("post C2 elsewhere -> 1", "post C1 first -> 2", "post C1 second -> 3");
    }

    @Test
    void aReplicaTakingOverDeliveryKeepsThePaceTheOtherSet()
    {
        chat.post("C1", Message.text("a"));
        MessageRef message = chat.post("C2", Message.text("b"));
        drain.deliverDue();
        chat.update(message, Message.text("b1"));
        drain.deliverDue();
        chat.update(message, Message.text("b2"));
        chat.post("C1", Message.text("c"));
        OutboxDrain other = newDrain();

        other.takeOver();
        other.deliverDue();
        assertThat(transport.sent).as("C1 had a post and b an edit less than a second ago")
                .containsExactly("post C1 a -> 1", "post C2 b -> 2", "update C2 2 b1");
        clock.advance(Duration.ofSeconds(1));
        other.deliverDue();

        assertThat(transport.sent).containsExactly("post C1 a -> 1", "post C2 b -> 2", "update C2 2 b1", "update C2 2 b2", "post C1 c -> 3");
    }

    @Test
    void transientFailuresAreRetriedForADayThenDeadLetteredAndAdminsTold()
    {
        transport.failAlways(Kind.TRANSIENT);
        MessageRef message = chat.post("C1", Message.text("lost"));
        chat.update(message, Message.text("lost, edited"));

        for (int i = 0; i < 400; i++) {
            drain.deliverDue();
            clock.advance(Duration.ofMinutes(5));
        }
        transport.recover();
        drain.deliverDue();

        assertThat(metrics.counter("deckhand.outbox.dead.letters").count()).isEqualTo(1);
        assertThat(transport.sent).singleElement().asString().startsWith("post U0ADMIN :warning: Deckhand could not deliver a message to C1 for 24 hours");
        assertThat(transport.attempts).isGreaterThan(250);
    }

    @Test
    void permanentRefusalIsNotRetriedAndTheRequesterIsTold()
    {
        transport.failAlways(Kind.PERMANENT);
        MessageRef message = chat.post("C1", Message.text("hello"), new Conversation("C1", "ops", "U0DEV", Optional.of("https://hooks.example/r1")));
        chat.update(message, Message.text("hello again"));

        drain.deliverDue();
        drain.deliverDue();
        clock.advance(Duration.ofHours(1));
        drain.deliverDue();

        assertThat(transport.attempts).as("one post, one reply, no edit").isEqualTo(2);
        assertThat(transport.sent).singleElement().asString()
                .startsWith("reply https://hooks.example/r1 :x: Posting in this channel failed: Slack refused chat.postMessage: not_in_channel");
    }

    @Test
    void stoppingDoesNotWaitForMessagesThatBackOffPastTheDeadline()
    {
        transport.failAlways(Kind.TRANSIENT);
        chat.post("C1", Message.text("during an outage"));
        for (int i = 0; i < 6; i++) {
            clock.advance(Duration.ofMinutes(1));
            drain.deliverDue();
        }
        // The sixth failure put the next try 15 s away (the probe interval; its own backoff says 32 s), past a 10 s stop.

        boolean empty = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> outbox.awaitEmpty(Duration.ofSeconds(10)));
        assertThat(empty).as("still queued, for the next start").isFalse();
        assertThat(outbox.depth()).isEqualTo(1);
    }

    @Test
    void aRefusalIsReportedUntilTheChannelTakesPostsAgain()
    {
        transport.failNext(Kind.PERMANENT, "not_in_channel");
        chat.post("C1", Message.text("before the invite"));
        drain.deliverDue();
        assertThat(outbox.health().check().detail()).contains("Slack refuses {C1=not_in_channel}");

        clock.advance(Duration.ofSeconds(2));
        chat.post("C1", Message.text("after the invite"));
        drain.deliverDue();

        assertThat(transport.sent).containsExactly("post C1 after the invite -> 1");
        assertThat(outbox.health().check().detail()).isEqualTo("0 queued");
    }

    @Test
    void anUploadGoesAfterThePostsQueuedBeforeItAndItsBytesAreDroppedOnceDelivered()
            throws Exception
    {
        transport.failNext(Kind.TRANSIENT);
        MessageRef run = chat.post("C1", Message.text("running"));
        String output = "line 1\n".repeat(5_000);
        chat.upload("C1", "build.log", "Output of build", Files.writeString(directory.resolve("out.log"), output));
        chat.update(run, Message.text("done"));
        assertThat(fileRows()).isEqualTo(1);
        assertThat(store.jdbc().query("SELECT content FROM outbox_files", row -> row.getBytes("content").length).get(0))
                .as("stored compressed").isLessThan(output.length() / 10);

        drain.deliverDue();
        assertThat(transport.sent).as("the post failed once; the upload must not overtake it").isEmpty();
        clock.advance(Duration.ofSeconds(2));
        drain.deliverDue();
        assertThat(transport.sent).as("paced: one post per channel per second").containsExactly("post C1 running -> 1");
        clock.advance(Duration.ofSeconds(1));
        drain.deliverDue();
        drain.deliverDue();

        assertThat(transport.sent).containsExactly("post C1 running -> 1", "upload C1 build.log Output of build: " + output, "update C1 1 done");
        assertThat(fileRows()).isZero();
    }

    @Test
    void aLargeFileThatHardlyCompressesGoesThroughWhole()
            throws Exception
    {
        byte[] random = new byte[6 * 1024 * 1024];
        new java.util.Random(7).nextBytes(random);
        String output = java.util.Base64.getMimeEncoder().encodeToString(random);
        chat.upload("C1", "big.log", "Output of big", Files.writeString(directory.resolve("big.log"), output));

        drain.deliverDue();

        assertThat(transport.sent).singleElement().isEqualTo("upload C1 big.log Output of big: " + output);
        assertThat(fileRows()).isZero();
    }

    @Test
    void anUploadQueuedDuringAnOutageArrivesOnceWhenSlackIsBack()
            throws Exception
    {
        transport.failAlways(Kind.TRANSIENT);
        chat.upload("C1", "deploy.log", "Output of deploy", Files.writeString(directory.resolve("out.log"), "ok\n"));
        for (int i = 0; i < 10; i++) {
            drain.deliverDue();
            clock.advance(Duration.ofMinutes(1));
        }
        transport.recover();
        clock.advance(Duration.ofMinutes(5));
        drain.deliverDue();
        drain.deliverDue();

        assertThat(transport.sent).containsExactly("upload C1 deploy.log Output of deploy: ok\n");
    }

    @Test
    void anUploadSlackRefusesIsReplacedByAWarningInTheChannel()
            throws Exception
    {
        transport.failNext(Kind.PERMANENT, "missing_scope");
        chat.upload("C1", "deploy.log", "Output of deploy", Files.writeString(directory.resolve("out.log"), "ok\n"));

        drain.deliverDue();
        clock.advance(Duration.ofSeconds(1));
        drain.deliverDue();

        assertThat(transport.sent).singleElement().asString()
                .isEqualTo("post C1 :warning: Slack refused the file _Output of deploy_ (`missing_scope`), so it is not here."
                        + " Deckhand needs the `files:write` scope: reinstall the app from manifest.yml. -> 1");
        assertThat(fileRows()).isZero();
    }

    @Test
    void aSurpriseFromTheTransportIsRetriedWithBackoffNotInATightLoop()
    {
        transport.surpriseNext(new IllegalStateException("garbled answer"));
        chat.post("C1", Message.text("hello"));

        drain.deliverDue();
        drain.deliverDue();
        assertThat(transport.attempts).isEqualTo(1);
        clock.advance(Duration.ofSeconds(2));
        drain.deliverDue();

        assertThat(transport.sent).containsExactly("post C1 hello -> 1");
        assertThat(metrics.counter("deckhand.outbox.retries", "reason", "transient").count()).isEqualTo(1);
    }

    @Test
    void aPostDeliveredAgainAfterACrashKeepsOneReferenceAndItsEditsFollow()
    {
        MessageRef message = chat.post("C1", Message.text("v0"));
        // The crash came after Slack took the post and before the outbox recorded it: an id from a previous delivery is on file.
        store.jdbc().update("INSERT INTO outbox_refs (message_key, channel, ts, delivered_at) VALUES (?, 'C1', 'old', ?)", message.id(), START);

        drain.deliverDue();
        chat.update(message, Message.text("v1"));
        clock.advance(Duration.ofSeconds(1));
        drain.deliverDue();

        assertThat(transport.sent).containsExactly("post C1 v0 -> 1", "update C1 1 v1");
    }

    @Test
    void housekeepingForgetsSettledEntriesAndAnEditOfAForgottenPostEndsInsteadOfWaiting()
            throws Exception
    {
        MessageRef old = chat.post("C1", Message.text("a month ago"));
        drain.deliverDue();
        clock.advance(Duration.ofDays(2));
        chat.post("C2", Message.text("queued"));
        transport.failAlways(Kind.TRANSIENT);
        drain.deliverDue();

        ((TaskDefinition.Recurring) outbox.housekeeping()).handler().run();
        assertThat(store.jdbc().query("SELECT text FROM outbox", row -> row.getString("text"))).as("delivered over a day ago").containsExactly("queued");
        assertThat(store.jdbc().query("SELECT ts FROM outbox_refs", row -> row.getString("ts"))).as("edits may still come").containsExactly("1");

        clock.advance(Duration.ofDays(30));
        transport.recover();
        drain.deliverDue();
        ((TaskDefinition.Recurring) outbox.housekeeping()).handler().run();
        assertThat(store.jdbc().query("SELECT ts FROM outbox_refs", row -> row.getString("ts"))).hasSize(1).doesNotContain("1");
        chat.update(old, Message.text("too late"));
        drain.deliverDue();

        assertThat(store.jdbc().query("SELECT state FROM outbox WHERE text = 'too late'", row -> row.getString("state"))).containsExactly("failed");
        assertThat(transport.sent).noneMatch(sent -> sent.contains("too late"));
    }

    private OutboxDrain newDrain()
    {
        return newDrain.get();
    }

    private long fileRows()
    {
        return store.jdbc().query("SELECT COUNT(*) AS n FROM outbox_files", row -> row.getLong("n")).get(0);
    }

    /** A transport that records what it sent and fails as told. */
    private static final class ScriptedTransport
            implements ChatTransport
    {
        private final List<String> sent = new ArrayList<>();
        private final Deque<DeliveryException> failures = new ArrayDeque<>();
        private Kind always;
        private RuntimeException surprise;
        private int ids;
        private int attempts;

        void failNext(Kind kind)
        {
            failNext(kind, "internal_error");
        }

        void failNext(Kind kind, String error)
        {
            failures.add(new DeliveryException(kind, error, Optional.empty(), null));
        }

        void surpriseNext(RuntimeException surprise)
        {
            this.surprise = requireNonNull(surprise, "surprise is null");
        }

        void rateLimitNext(Duration retryAfter)
        {
            failures.add(new DeliveryException(Kind.RATE_LIMITED, "ratelimited", Optional.of(retryAfter), null));
        }

        void failAlways(Kind kind)
        {
            always = kind;
        }

        void recover()
        {
            always = null;
        }

        @Override
        public String post(String channel, String text, Optional<String> blocks)
        {
            check();
            String id = Integer.toString(++ids);
            sent.add("post " + channel + " " + text + " -> " + id);
            return id;
        }

        @Override
        public String postInThread(String channel, String parentId, String text, Optional<String> blocks)
        {
            check();
            String id = Integer.toString(++ids);
            sent.add("post " + channel + " in thread " + parentId + " " + text + " -> " + id);
            return id;
        }

        @Override
        public void update(String channel, String id, String text, Optional<String> blocks)
        {
            check();
            sent.add("update " + channel + " " + id + " " + text);
        }

        @Override
        public void reply(String responseUrl, String text, Optional<String> blocks)
        {
            // Like Slack: a response URL works where the bot is not in the channel.
            attempts++;
            sent.add("reply " + responseUrl + " " + text);
        }

        @Override
        public void ephemeral(String channel, String user, String text, Optional<String> blocks)
        {
            check();
            sent.add("ephemeral " + channel + " " + user + " " + text);
        }

        @Override
        public void upload(String channel, String filename, String title, byte[] content)
        {
            check();
            sent.add("upload " + channel + " " + filename + " " + title + ": " + new String(content, StandardCharsets.UTF_8));
        }

        @Override
        public String encode(List<com.slack.api.model.block.LayoutBlock> blocks)
        {
            return "[]";
        }

        private void check()
        {
            attempts++;
            if (always != null) {
                throw new DeliveryException(always, always == Kind.PERMANENT ? "not_in_channel" : "HTTP 503", Optional.empty(), null);
            }
            if (surprise != null) {
                RuntimeException thrown = surprise;
                surprise = null;
                throw thrown;
            }
            DeliveryException next = failures.poll();
            if (next != null) {
                throw next;
            }
        }
    }
}
