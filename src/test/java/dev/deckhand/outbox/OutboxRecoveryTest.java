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
import dev.deckhand.testing.TestingClock;
import dev.deckhand.testing.TestingStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slack down for a while, then healthy, on a hand-moved clock that the drain and the fake Slack
 * share. The drain runs its real turns ({@link OutboxDrain#run}) and every pause in them (its
 * idle wait, the gap until the scheduler starts the next turn) is a step of that clock: minutes
 * of outage cost milliseconds, and a wait longer than it should be shows as a late delivery.
 */
class OutboxRecoveryTest
{
    private static final Instant START = Instant.parse("2026-11-25T00:00:00Z");
    /** db-scheduler starts the next turn 200 ms after one ends, seen at its next poll (every 500 ms). */
    private static final Duration BETWEEN_TURNS = Duration.ofMillis(700);
    /** The pace Deckhand runs with by default; the fake holds it to Slack's one post per channel per second. */
    private static final OutboxConfig PRODUCTION = new OutboxConfig(Duration.ofMillis(1100), Duration.ofSeconds(1), Duration.ofHours(24));
    private static final List<String> CHANNELS = List.of("C1", "C2", "C3", "C4");

    @TempDir
    Path directory;
    private TestingStore store;
    private TestingClock clock;
    private OutboxStore outboxStore;
    private ConfigHolder config;
    private SimpleMeterRegistry metrics;
    /** What each message said, in the order it was queued: its post, then its edits. */
    private final Map<MessageRef, List<String>> versions = new LinkedHashMap<>();
    private final List<String> replies = new ArrayList<>();

    @BeforeEach
    void setUp()
            throws Exception
    {
        store = new TestingStore();
        clock = new TestingClock(START);
        metrics = new SimpleMeterRegistry();
        outboxStore = new OutboxStore(store.jdbc());
        Path file = Files.writeString(directory.resolve("deckhand.yml"), "access:\n  admins: [U0ADMIN]\n");
        ConfigLoader loader = new ConfigLoader(new Environment(Map.of()), directory, MainModule.sections());
        config = new ConfigHolder(loader, file, loader.load(file));
    }

    @AfterEach
    void tearDown()
    {
        store.close();
    }

    @ParameterizedTest(name = "{0} replica(s) taking turns")
    @ValueSource(ints = {1, 2})
    void afterA150SecondOutageEveryOwedMessageGoesOutWithin30SecondsInOrderOnceAndPaced(int replicas)
    {
        Instant healthy = START.plusSeconds(150);
        SlackOnTheClock slack = new SlackOnTheClock(clock, healthy, Set.of());
        List<Replica> drains = IntStream.range(0, replicas).mapToObj(i -> new Replica(slack)).toList();
        Chat chat = drains.get(0).chat();
        CHANNELS.forEach(channel -> {
            IntStream.rangeClosed(1, 3).forEach(i -> queue(chat, channel + " m" + i, 2));
            reply(chat, channel);
        });

        boolean queuedDuringOutage = false;
        for (int turn = 0; !owedDelivered(slack) && clock.instant().isBefore(healthy.plus(Duration.ofMinutes(10))); turn++) {
            if (!queuedDuringOutage && !clock.instant().isBefore(START.plusSeconds(60))) {
                // Work goes on during the outage: new messages, and later edits of those already owed.
                CHANNELS.forEach(channel -> IntStream.rangeClosed(4, 5).forEach(i -> queue(chat, channel + " m" + i, 1)));
                List.copyOf(versions.keySet()).subList(0, 12).forEach(message -> edit(chat, message));
                queuedDuringOutage = true;
            }
            drains.get(turn % replicas).drain().run();
            clock.advance(BETWEEN_TURNS);
        }

        List<Accepted> accepted = slack.accepted();
        assertThat(owedDelivered(slack)).as("everything owed reached Slack").isTrue();
        assertThat(accepted).as("nothing got through the outage").allMatch(entry -> !entry.at().isBefore(healthy));
        Duration firstAfter = Duration.between(healthy, accepted.get(0).at());
        Duration lastAfter = Duration.between(healthy, accepted.get(accepted.size() - 1).at());
        assertThat(lastAfter).as("the last owed message reached Slack %ss after it recovered (the first %ss after)", seconds(lastAfter), seconds(firstAfter))
                .isLessThanOrEqualTo(Duration.ofSeconds(30));
        assertThat(firstAfter).as("delivery starts within one probe interval of the recovery").isLessThanOrEqualTo(OutboxFailures.PROBE_INTERVAL.plusSeconds(1));
        // Whenever in the probe cycle Slack recovers: while something was owed, Slack was never left untried for longer than that.
        List<Call> calls = slack.calls();
        for (int i = 1; i < calls.size() && calls.get(i - 1).at().isBefore(healthy); i++) {
            assertThat(Duration.between(calls.get(i - 1).at(), calls.get(i).at())).as("a pause in trying, at %s", calls.get(i - 1).at())
                    .isLessThanOrEqualTo(OutboxFailures.PROBE_INTERVAL.plusSeconds(1));
        }
        assertInOrderOncePaced(accepted);
        assertThat(slack.rateLimited()).as("429s after the recovery").isZero();
    }

    @Test
    void aMessageSlackAlwaysFailsHoldsUpNoOtherAndIsNotRetriedInATightLoop()
    {
        SlackOnTheClock slack = new SlackOnTheClock(clock, START, Set.of("C9"));
        Replica replica = new Replica(slack);
        Chat chat = replica.chat();
        chat.post("C9", Message.text("never taken"));

        Instant end = START.plus(Duration.ofMinutes(10));
        int turns = 0;
        for (; clock.instant().isBefore(end); turns++) {
            chat.post(CHANNELS.get(turns % CHANNELS.size()), Message.text("turn " + turns));
            replica.drain().run();
            clock.advance(BETWEEN_TURNS);
        }

        List<Accepted> accepted = slack.accepted();
        assertThat(accepted).extracting(Accepted::text).as("every other message, once each, in order")
                .isEqualTo(IntStream.range(0, turns).mapToObj(turn -> "turn " + turn).toList());
        long tries = slack.calls().stream().filter(call -> call.channel().equals("C9")).count();
        // Its own backoff, and the outbox trying something held back at least every probe interval.
        assertThat(tries).as("tries of the message Slack fails, in 10 minutes").isLessThanOrEqualTo(10 * 60 / OutboxFailures.PROBE_INTERVAL.toSeconds() + 10);
    }

    private void queue(Chat chat, String name, int edits)
    {
        MessageRef message = chat.post(name.substring(0, 2), Message.text(name + " v0"));
        versions.put(message, new ArrayList<>(List.of(name + " v0")));
        IntStream.rangeClosed(1, edits).forEach(i -> edit(chat, message));
    }

    private void edit(Chat chat, MessageRef message)
    {
        List<String> texts = versions.get(message);
        String text = texts.get(0).replace(" v0", " v" + texts.size());
        chat.update(message, Message.text(text));
        texts.add(text);
    }

    private void reply(Chat chat, String channel)
    {
        String text = channel + " reply";
        chat.ephemeral(new Conversation(channel, "ops", "U0DEV", Optional.of("https://hooks.slack.com/commands/T0/" + channel)), Message.text(text));
        replies.add(text);
    }

    /** Every post, every message's newest text and every reply have reached Slack. */
    private boolean owedDelivered(SlackOnTheClock slack)
    {
        Map<String, String> newest = new HashMap<>();
        Map<String, String> postTs = new HashMap<>();
        List<Accepted> accepted = slack.accepted();
        accepted.stream().filter(kind("post")).forEach(post -> postTs.put(post.text(), post.ts()));
        accepted.stream().filter(kind("post").or(kind("update"))).forEach(entry -> newest.put(entry.ts(), entry.text()));
        boolean messages = versions.values().stream().allMatch(texts -> {
            String ts = postTs.get(texts.get(0));
            return ts != null && texts.get(texts.size() - 1).equals(newest.get(ts));
        });
        return messages && accepted.stream().filter(kind("reply")).map(Accepted::text).toList().containsAll(replies);
    }

    private void assertInOrderOncePaced(List<Accepted> accepted)
    {
        assertThat(accepted).extracting(Accepted::text).as("none twice").doesNotHaveDuplicates();
        for (String channel : CHANNELS) {
            List<String> queued = versions.values().stream().map(texts -> texts.get(0)).filter(text -> text.startsWith(channel)).toList();
            List<Accepted> posts = accepted.stream().filter(kind("post")).filter(post -> post.channel().equals(channel)).toList();
            assertThat(posts).extracting(Accepted::text).as("posts in %s, in the order queued", channel).isEqualTo(queued);
            for (int i = 1; i < posts.size(); i++) {
                assertThat(Duration.between(posts.get(i - 1).at(), posts.get(i).at())).as("posts in %s are paced", channel).isGreaterThanOrEqualTo(PRODUCTION.postInterval());
            }
        }
        for (List<String> texts : versions.values()) {
            Accepted post = accepted.stream().filter(kind("post")).filter(entry -> entry.text().equals(texts.get(0))).findFirst().orElseThrow();
            List<Accepted> edits = accepted.stream().filter(kind("update")).filter(entry -> entry.ts().equals(post.ts())).toList();
            assertThat(edits).as("edits of %s", texts.get(0)).isNotEmpty()
                    .allMatch(edit -> accepted.indexOf(edit) > accepted.indexOf(post), "after their post")
                    .extracting(edit -> texts.indexOf(edit.text())).isSorted().doesNotContain(-1);
            for (int i = 1; i < edits.size(); i++) {
                assertThat(Duration.between(edits.get(i - 1).at(), edits.get(i).at())).as("edits of %s are paced", texts.get(0)).isGreaterThanOrEqualTo(PRODUCTION.editInterval());
            }
        }
    }

    private static Predicate<Accepted> kind(String kind)
    {
        return entry -> entry.kind().equals(kind);
    }

    private static String seconds(Duration duration)
    {
        return String.format("%.1f", duration.toMillis() / 1000.0);
    }

    /** A Deckhand replica's part of the outbox: its own drain, failure handling and signal, over the shared store. */
    private final class Replica
    {
        private final OutboxDrain drain;
        private final Outbox outbox;
        private final ChatTransport transport;

        Replica(ChatTransport transport)
        {
            this.transport = transport;
            OutboxFailures failures = new OutboxFailures(outboxStore, config, new ErrorTranslator(), PRODUCTION, clock, metrics);
            OutboxSignal signal = new SignalOnTheClock(clock);
            this.drain = new OutboxDrain(outboxStore, transport, failures, signal, PRODUCTION, clock, metrics);
            this.outbox = new Outbox(outboxStore, signal, failures, clock);
        }

        OutboxDrain drain()
        {
            return drain;
        }

        Chat chat()
        {
            return outbox.chat(transport, new LogChat());
        }
    }

    /** The drain's idle wait as a step of the test's clock: it waits exactly as long as it asks to, and no real time. */
    private static final class SignalOnTheClock
            extends OutboxSignal
    {
        private final TestingClock clock;
        private boolean raised;

        SignalOnTheClock(TestingClock clock)
        {
            this.clock = requireNonNull(clock, "clock is null");
        }

        @Override
        synchronized void raise()
        {
            raised = true;
        }

        @Override
        synchronized void await(Duration timeout)
        {
            if (!raised) {
                clock.advance(timeout);
            }
            raised = false;
        }
    }

    /**
     * Slack as the outbox sees it through SlackTransport, on the test's clock: until {@code healthyFrom}
     * every call fails as an HTTP 500 does, and so does every call about a channel in {@code broken};
     * a post sooner than a second after the last one in its channel gets a 429, as from Slack.
     */
    private static final class SlackOnTheClock
            implements ChatTransport
    {
        private static final Duration SLACK_POST_INTERVAL = Duration.ofSeconds(1);

        private final Clock clock;
        private final Instant healthyFrom;
        private final Set<String> broken;
        private final List<Accepted> accepted = new ArrayList<>();
        private final List<Call> calls = new ArrayList<>();
        private final Map<String, Instant> lastPost = new HashMap<>();
        private int rateLimited;
        private int ids;

        SlackOnTheClock(Clock clock, Instant healthyFrom, Set<String> broken)
        {
            this.clock = requireNonNull(clock, "clock is null");
            this.healthyFrom = requireNonNull(healthyFrom, "healthyFrom is null");
            this.broken = Set.copyOf(broken);
        }

        List<Accepted> accepted()
        {
            return List.copyOf(accepted);
        }

        List<Call> calls()
        {
            return List.copyOf(calls);
        }

        int rateLimited()
        {
            return rateLimited;
        }

        @Override
        public String post(String channel, String text, Optional<String> blocks)
        {
            Instant now = answer("chat.postMessage", channel);
            String ts = "1700000000." + String.format("%06d", ++ids);
            lastPost.put(channel, now);
            accepted.add(new Accepted("post", channel, ts, text, now));
            return ts;
        }

        @Override
        public String postInThread(String channel, String parentId, String text, Optional<String> blocks)
        {
            Instant now = answer("chat.postMessage", channel);
            String ts = "1700000000." + String.format("%06d", ++ids);
            lastPost.put(channel, now);
            accepted.add(new Accepted("thread " + parentId, channel, ts, text, now));
            return ts;
        }

        @Override
        public void update(String channel, String id, String text, Optional<String> blocks)
        {
            accepted.add(new Accepted("update", channel, id, text, answer("chat.update", channel)));
        }

        @Override
        public void reply(String responseUrl, String text, Optional<String> blocks)
        {
            String channel = responseUrl.substring(responseUrl.lastIndexOf('/') + 1);
            accepted.add(new Accepted("reply", channel, "", text, answer("response_url", channel)));
        }

        @Override
        public void ephemeral(String channel, String user, String text, Optional<String> blocks)
        {
            accepted.add(new Accepted("reply", channel, "", text, answer("chat.postEphemeral", channel)));
        }

        @Override
        public void upload(String channel, String filename, String title, byte[] content)
        {
            accepted.add(new Accepted("upload", channel, filename, title, answer("files.uploadV2", channel)));
        }

        @Override
        public String encode(List<com.slack.api.model.block.LayoutBlock> blocks)
        {
            return "[]";
        }

        private Instant answer(String method, String channel)
        {
            Instant now = clock.instant();
            if (now.isBefore(healthyFrom) || broken.contains(channel)) {
                calls.add(new Call(method, channel, 500, now));
                throw new DeliveryException(Kind.TRANSIENT, method + " HTTP 500", Optional.empty(), null);
            }
            Instant last = lastPost.get(channel);
            if (method.equals("chat.postMessage") && last != null && now.isBefore(last.plus(SLACK_POST_INTERVAL))) {
                calls.add(new Call(method, channel, 429, now));
                rateLimited++;
                throw new DeliveryException(Kind.RATE_LIMITED, "ratelimited", Optional.of(Duration.ofSeconds(1)), null);
            }
            calls.add(new Call(method, channel, 200, now));
            return now;
        }
    }

    /** What the fake took: for a post, {@code ts} is the one it handed out; for an edit, the one edited. */
    private record Accepted(String kind, String channel, String ts, String text, Instant at) {}

    private record Call(String method, String channel, int status, Instant at) {}
}
