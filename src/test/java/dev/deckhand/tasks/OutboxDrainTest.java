package dev.deckhand.tasks;

import dev.deckhand.chat.Chat;
import dev.deckhand.chat.Conversation;
import dev.deckhand.chat.ErrorTranslator;
import dev.deckhand.chat.LogChat;
import dev.deckhand.chat.Message;
import dev.deckhand.chat.MessageRef;
import dev.deckhand.config.ConfigHolder;
import dev.deckhand.config.ConfigLoader;
import dev.deckhand.config.Environment;
import dev.deckhand.tasks.DeliveryException.Kind;
import dev.deckhand.testing.TestingClock;
import dev.deckhand.testing.TestingStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

import static org.assertj.core.api.Assertions.assertThat;

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
        ConfigLoader loader = new ConfigLoader(new Environment(Map.of()), directory);
        ConfigHolder config = new ConfigHolder(loader, file, loader.load(file));
        TasksConfig tasks = new TasksConfig(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofHours(24));
        OutboxStore outboxStore = new OutboxStore(store.jdbc());
        OutboxFailures failures = new OutboxFailures(outboxStore, config, new ErrorTranslator(), tasks, clock, metrics);
        OutboxSignal signal = new OutboxSignal();
        drain = new OutboxDrain(outboxStore, transport, failures, signal, tasks, clock, metrics);
        chat = new Outbox(outboxStore, signal, failures, clock).chat(transport, new LogChat());
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

    /** A transport that records what it sent and fails as told. */
    private static final class ScriptedTransport
            implements ChatTransport
    {
        private final List<String> sent = new ArrayList<>();
        private final Deque<DeliveryException> failures = new ArrayDeque<>();
        private Kind always;
        private int ids;
        private int attempts;

        void failNext(Kind kind)
        {
            failures.add(new DeliveryException(kind, "internal_error", Optional.empty(), null));
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
            DeliveryException next = failures.poll();
            if (next != null) {
                throw next;
            }
        }
    }
}
