package dev.deckhand.outbox;

import dev.deckhand.chat.Chat;
import dev.deckhand.chat.Message;
import dev.deckhand.chat.MessageRef;
import dev.deckhand.testing.TestingDeckhand;
import dev.deckhand.testing.TestingFlakySlack.Accepted;
import dev.deckhand.testing.TestingFlakySlack;
import dev.deckhand.testing.TestingSlack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The outbox against a fake Slack that has outages, 429s and Slack's per-channel post limit, through the real Slack SDK. */
class OutboxOnTheWireTest
{
    @TempDir
    Path directory;
    private final TestingFlakySlack flaky = new TestingFlakySlack();
    private final TestingSlack slack = new TestingSlack();
    private TestingDeckhand deckhand;

    @AfterEach
    void stop()
    {
        if (deckhand != null) {
            deckhand.close();
        }
        slack.close();
        flaky.close();
    }

    @Test
    void anOutageThenA429ThenRecoveryDeliversEveryMessageOnceInOrder()
            throws Exception
    {
        Chat chat = start(Map.of("DECKHAND_OUTBOX_POST_INTERVAL_MS", "50", "DECKHAND_OUTBOX_EDIT_INTERVAL_MS", "50"));
        flaky.failWith(500);
        for (int i = 0; i < 6; i++) {
            MessageRef message = chat.post("C" + (i % 2), Message.text("m" + i + " v0"));
            for (int version = 1; version <= 3; version++) {
                chat.update(message, Message.text("m" + i + " v" + version));
            }
        }
        await().until(() -> flaky.failed() >= 3);

        flaky.recover();
        flaky.rateLimit(1, Duration.ofSeconds(1));

        await().atMost(Duration.ofSeconds(60)).until(() -> finalTexts().size() == 6 && finalTexts().stream().allMatch(text -> text.endsWith(" v3")));
        List<Accepted> accepted = flaky.accepted();
        List<Accepted> posts = accepted.stream().filter(entry -> entry.kind().equals("post")).toList();
        assertThat(posts).extracting(Accepted::text).containsExactlyInAnyOrder("m0 v0", "m1 v0", "m2 v0", "m3 v0", "m4 v0", "m5 v0");
        for (Accepted post : posts) {
            List<Accepted> edits = accepted.stream().filter(entry -> entry.kind().equals("update") && entry.ts().equals(post.ts())).toList();
            assertThat(accepted.indexOf(post)).as("post before its edits").isLessThan(edits.stream().mapToInt(accepted::indexOf).min().orElse(Integer.MAX_VALUE));
            assertThat(edits).extracting(Accepted::text).isSorted().last().asString().endsWith(" v3");
        }
        assertThat(flaky.rateLimited()).isEqualTo(1);
    }

    @Test
    void whenAnOutageOfHalfAMinuteEndsEveryOwedMessageGoesOutPromptlyInOrderAndOnce()
            throws Exception
    {
        // Deckhand's own pace, against Slack's one post per channel per second.
        flaky.enforcePostInterval(Duration.ofSeconds(1));
        Chat chat = start(Map.of());
        Instant healthy = Instant.now().plus(Duration.ofSeconds(35));
        flaky.failUntil(healthy, 500);
        List<String> finals = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            MessageRef message = chat.post("C" + (i % 2), Message.text("m" + i + " v0"));
            chat.update(message, Message.text("m" + i + " v1"));
            chat.update(message, Message.text("m" + i + " v2"));
            finals.add("m" + i + " v2");
        }

        await().atMost(Duration.ofSeconds(35 + 40)).until(() -> finalTexts().containsAll(finals));
        List<Accepted> accepted = flaky.accepted();
        Duration last = Duration.between(healthy, accepted.get(accepted.size() - 1).at());
        // Before the probe, the head of each channel had backed off to 32 s by then: the last message went out ~30 s after Slack recovered.
        assertThat(last).as("the last owed message reached Slack %s ms after it recovered", last.toMillis()).isLessThanOrEqualTo(Duration.ofSeconds(20));
        assertThat(accepted).as("nothing got through the outage").allMatch(entry -> !entry.at().isBefore(healthy));
        assertThat(accepted).extracting(Accepted::text).as("none twice").doesNotHaveDuplicates();
        for (String channel : List.of("C0", "C1")) {
            assertThat(accepted.stream().filter(entry -> entry.kind().equals("post") && entry.channel().equals(channel)).map(Accepted::text))
                    .as("posts in %s, in the order queued", channel)
                    .containsExactlyElementsOf(IntStream.range(0, 6).filter(i -> channel.equals("C" + (i % 2))).mapToObj(i -> "m" + i + " v0").toList());
        }
        for (Accepted post : accepted.stream().filter(entry -> entry.kind().equals("post")).toList()) {
            List<Accepted> edits = accepted.stream().filter(entry -> entry.kind().equals("update") && entry.ts().equals(post.ts())).toList();
            assertThat(edits).as("edits of %s", post.text()).allMatch(edit -> accepted.indexOf(edit) > accepted.indexOf(post), "after their post")
                    .extracting(Accepted::text).isSorted();
        }
        assertThat(flaky.rateLimited()).as("429s").isZero();
        assertThat(flaky.answered()).filteredOn(call -> call.at().isBefore(healthy)).as("calls during the outage").isNotEmpty().allMatch(call -> call.status() == 500);
    }

    @Test
    void aFileQueuedDuringAnOutageArrivesOnceAfterThePostQueuedBeforeIt()
            throws Exception
    {
        Chat chat = start(Map.of());
        flaky.failWith(503);
        chat.post("C1", Message.text("build finished"));
        Path output = java.nio.file.Files.writeString(directory.resolve("build.log"), "step 1\n".repeat(3000) + "all done\n");
        chat.upload("C1", "build.log", "Output of build", output);
        java.nio.file.Files.delete(output);
        await().until(() -> flaky.failed() >= 2);

        flaky.recover();

        await().atMost(Duration.ofSeconds(30)).until(() -> flaky.accepted().size() >= 2);
        List<Accepted> accepted = flaky.accepted();
        assertThat(accepted).extracting(Accepted::kind).containsExactly("post", "upload");
        assertThat(accepted.get(1).channel()).isEqualTo("C1");
        assertThat(accepted.get(1).text()).contains("step 1\nstep 1\n").contains("all done\n");
    }

    @Test
    void steadyLoadNeverMeetsA429()
            throws Exception
    {
        // Slack allows about one post per channel per second; here both sides run ten times faster.
        flaky.enforcePostInterval(Duration.ofMillis(100));
        Chat chat = start(Map.of("DECKHAND_OUTBOX_POST_INTERVAL_MS", "130"));

        IntStream.range(0, 300).forEach(i -> chat.post("C" + (i % 3), Message.text("load " + i)));

        await().atMost(Duration.ofSeconds(90)).until(() -> flaky.accepted().size() >= 300);
        assertThat(flaky.accepted()).extracting(Accepted::text).doesNotHaveDuplicates().hasSize(300);
        assertThat(flaky.rateLimited()).isZero();
    }

    private Chat start(Map<String, String> pacing)
            throws Exception
    {
        TestingDeckhand.prepare(directory, "scripts:\n  dir: @DIR@\n", Map.of());
        Map<String, String> environment = new java.util.HashMap<>(pacing);
        environment.put("SLACK_API_URL", flaky.apiUrl());
        deckhand = TestingDeckhand.replica(directory, slack, environment, List.of());
        return deckhand.instance(Chat.class);
    }

    /** The newest accepted text of each message (post or edit), by ts. */
    private List<String> finalTexts()
    {
        Map<String, String> latest = new java.util.LinkedHashMap<>();
        flaky.accepted().forEach(entry -> latest.put(entry.ts(), entry.text()));
        return new ArrayList<>(latest.values());
    }
}
