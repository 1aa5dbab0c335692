package dev.deckhand.outbox;

import ch.qos.logback.classic.Level;
import dev.deckhand.app.MainModule;
import dev.deckhand.chat.Chat;
import dev.deckhand.chat.LogChat;
import dev.deckhand.chat.Message;
import dev.deckhand.chat.MessageRef;
import dev.deckhand.config.ConfigHolder;
import dev.deckhand.config.ConfigLoader;
import dev.deckhand.config.Environment;
import dev.deckhand.errors.ErrorTranslator;
import dev.deckhand.outbox.DeliveryException.Kind;
import dev.deckhand.testing.TestingClock;
import dev.deckhand.testing.TestingLog;
import dev.deckhand.testing.TestingLog.Logged;
import dev.deckhand.testing.TestingPostgres;
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
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Replies in a message's thread through the outbox: after their parent, with its ts, editable, across a restart, behind a 429; on H2 and PostgreSQL. */
class OutboxRepliesTest
{
    private static final Instant START = Instant.parse("2026-11-25T00:00:00Z");
    private static final OutboxConfig PACE = new OutboxConfig(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofHours(24));

    @TempDir
    Path directory;
    private final String url = "jdbc:h2:mem:replies-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    private final TestingClock clock = new TestingClock(START);
    private final RecordingTransport transport = new RecordingTransport();
    private TestingStore store;
    private ConfigHolder config;
    private Deckhand deckhand;

    @BeforeEach
    void setUp()
            throws Exception
    {
        Path file = Files.writeString(directory.resolve("deckhand.yml"), "access:\n  admins: [U0ADMIN]\n");
        ConfigLoader loader = new ConfigLoader(new Environment(Map.of()), directory, MainModule.sections());
        config = new ConfigHolder(loader, file, loader.load(file));
        store = new TestingStore(url);
        deckhand = new Deckhand(store);
    }

    @AfterEach
    void tearDown()
    {
        store.close();
    }

    @Test
    void aReplyQueuedBeforeItsParentIsDeliveredGoesAfterItInItsThread()
    {
        transport.failNext(Kind.TRANSIENT);
        MessageRef alert = deckhand.chat().post("C1", Message.text("job backup is failing"));
        MessageRef reply = deckhand.chat().reply(alert, Message.text("run 2 failed: exit 1"));

        deliverFor(Duration.ofSeconds(10));

        assertThat(transport.sent).containsExactly("post C1 job backup is failing -> 1", "post C1 in thread 1 run 2 failed: exit 1 -> 2");
        assertThat(reply.channel()).isEqualTo("C1");
        assertThat(outboxState()).containsExactly("job backup is failing: delivered", "run 2 failed: exit 1: delivered");
    }

    @Test
    void aReplyCanBeEditedBeforeAndAfterItIsDelivered()
    {
        MessageRef alert = deckhand.chat().post("C1", Message.text("alert"));
        MessageRef reply = deckhand.chat().reply(alert, Message.text("run 2: running"));
        deckhand.chat().update(reply, Message.text("run 2: failed"));
        deliverFor(Duration.ofSeconds(5));
        deckhand.chat().update(reply, Message.text("run 2: failed, retried"));
        deckhand.chat().update(alert, Message.text("alert, edited"));
        deliverFor(Duration.ofSeconds(5));

        assertThat(transport.sent).containsExactly(
                "post C1 alert -> 1",
                "post C1 in thread 1 run 2: running -> 2",
                "update C1 2 run 2: failed",
                "update C1 2 run 2: failed, retried",
                "update C1 1 alert, edited");
    }

    @Test
    void aReplyQueuedBeforeARestartGoesInItsParentsThreadAfterIt()
    {
        transport.failAlways(Kind.TRANSIENT);
        MessageRef alert = deckhand.chat().post("C1", Message.text("alert"));
        MessageRef first = deckhand.chat().reply(alert, Message.text("run 2 failed"));
        deliverFor(Duration.ofSeconds(5));
        transport.recover();
        // The parent goes; the reply, paced a second behind it, is still owed when Deckhand stops.
        clock.advance(Duration.ofMinutes(1));
        deckhand.drain().deliverDue();
        assertThat(transport.sent).containsExactly("post C1 alert -> 1");
        deckhand.chat().update(first, Message.text("run 2 failed: exit 1"));
        deckhand.drain().stop();
        store.close();

        // Another process on the same database: nothing of the first one's memory is left.
        store = new TestingStore(url);
        deckhand = new Deckhand(store);
        MessageRef second = deckhand.chat().reply(alert, Message.text("run 3 failed"));
        deliverFor(Duration.ofSeconds(5));
        deckhand.chat().update(second, Message.text("run 3 failed: timeout"));
        deliverFor(Duration.ofSeconds(5));

        assertThat(transport.sent).containsExactly(
                "post C1 alert -> 1",
                "post C1 in thread 1 run 2 failed -> 2",
                "update C1 2 run 2 failed: exit 1",
                "post C1 in thread 1 run 3 failed -> 3",
                "update C1 3 run 3 failed: timeout");
    }

    @Test
    void aRateLimitedParentDelaysItsReplyRatherThanDroppingIt()
    {
        transport.rateLimitNext(Duration.ofSeconds(30));
        MessageRef alert = deckhand.chat().post("C1", Message.text("alert"));
        deckhand.chat().reply(alert, Message.text("details"));

        deliverFor(Duration.ofSeconds(29));
        assertThat(transport.sent).as("within Retry-After").isEmpty();
        assertThat(outboxState()).containsExactly("alert: pending", "details: pending");
        deliverFor(Duration.ofSeconds(5));

        assertThat(transport.sent).containsExactly("post C1 alert -> 1", "post C1 in thread 1 details -> 2");
        assertThat(transport.attempts).as("the 429, then one call each").isEqualTo(3);
    }

    @Test
    void aReplyWhoseParentIsRefusedForGoodEndsTheSameWayWithALogLine()
    {
        transport.failNext(Kind.PERMANENT);
        MessageRef alert = deckhand.chat().post("C1", Message.text("alert"));
        MessageRef reply = deckhand.chat().reply(alert, Message.text("details"));
        deckhand.chat().update(reply, Message.text("details, edited"));
        MessageRef after = deckhand.chat().post("C1", Message.text("next alert"));

        try (TestingLog log = TestingLog.capture()) {
            deliverFor(Duration.ofSeconds(10));

            assertThat(log.events()).contains(new Logged(OutboxFailures.class.getName(), Level.WARN,
                    "not delivering a reply in C1: its parent was never delivered (text: details)", false));
        }
        assertThat(transport.sent).as("what comes after in the channel is not held up").containsExactly("post C1 next alert -> 1");
        assertThat(outboxState()).containsExactly("alert: failed", "details: failed", "details, edited: failed", "next alert: delivered");
        assertThat(after.channel()).isEqualTo("C1");
    }

    @Test
    void aReplyToAMessageTheOutboxDoesNotKnowFails()
    {
        deckhand.chat().reply(new MessageRef("C1", "no-such-message"), Message.text("details"));

        deliverFor(Duration.ofSeconds(3));

        assertThat(transport.sent).isEmpty();
        assertThat(store.jdbc().query("SELECT state, last_error FROM outbox", row -> row.getString("state") + ": " + row.getString("last_error")))
                .containsExactly("failed: its parent is not known (forgotten after 30 days, or never queued)");
    }

    @Test
    void onPostgresqlTooAReplyGoesAfterItsParentWithItsTs()
    {
        try (TestingPostgres postgres = TestingPostgres.start(); TestingStore onPostgres = new TestingStore(postgres.createDatabase("replies"))) {
            deckhand = new Deckhand(onPostgres);
            transport.failNext(Kind.TRANSIENT);
            MessageRef alert = deckhand.chat().post("C1", Message.text("alert"));
            MessageRef reply = deckhand.chat().reply(alert, Message.text("details"));
            deckhand.chat().update(reply, Message.text("details, edited"));

            deliverFor(Duration.ofSeconds(10));

            assertThat(transport.sent).containsExactly("post C1 alert -> 1", "post C1 in thread 1 details -> 2", "update C1 2 details, edited");
        }
    }

    /** Passes of the drain, a second apart, for {@code duration}. */
    private void deliverFor(Duration duration)
    {
        for (Instant end = clock.instant().plus(duration); clock.instant().isBefore(end); clock.advance(Duration.ofSeconds(1))) {
            deckhand.drain().deliverDue();
        }
    }

    private List<String> outboxState()
    {
        return store.jdbc().query("SELECT text, state FROM outbox ORDER BY id", row -> row.getString("text") + ": " + row.getString("state"));
    }

    /** One Deckhand process's part of the outbox, over {@code store}. */
    private final class Deckhand
    {
        private final OutboxDrain drain;
        private final Chat chat;

        Deckhand(TestingStore store)
        {
            SimpleMeterRegistry metrics = new SimpleMeterRegistry();
            OutboxStore outboxStore = new OutboxStore(store.jdbc());
            OutboxFailures failures = new OutboxFailures(outboxStore, config, new ErrorTranslator(), PACE, clock, metrics);
            OutboxSignal signal = new OutboxSignal();
            drain = new OutboxDrain(outboxStore, transport, failures, signal, PACE, clock, metrics);
            chat = new Outbox(outboxStore, signal, failures, clock).chat(transport, new LogChat());
        }

        OutboxDrain drain()
        {
            return drain;
        }

        Chat chat()
        {
            return chat;
        }
    }

    /** A transport that records what it sent, posts in threads marked with their parent's id, and fails as told. */
    private static final class RecordingTransport
            implements ChatTransport
    {
        private final List<String> sent = new ArrayList<>();
        private final Deque<DeliveryException> failures = new ArrayDeque<>();
        private Kind always;
        private int ids;
        private int attempts;

        void failNext(Kind kind)
        {
            failures.add(new DeliveryException(kind, kind == Kind.PERMANENT ? "not_in_channel" : "internal_error", Optional.empty(), null));
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
            check();
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
            sent.add("upload " + channel + " " + filename);
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
                throw new DeliveryException(always, "HTTP 503", Optional.empty(), null);
            }
            DeliveryException next = failures.poll();
            if (next != null) {
                throw next;
            }
        }
    }
}
