package dev.deckhand.outbox;

import dev.deckhand.chat.Chat;
import dev.deckhand.chat.Message;
import dev.deckhand.chat.MessageRef;
import dev.deckhand.testing.TestingDeckhand;
import dev.deckhand.testing.TestingFlakySlack;
import dev.deckhand.testing.TestingFlakySlack.Accepted;
import dev.deckhand.testing.TestingFlakySlack.Answered;
import dev.deckhand.testing.TestingSlack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/** Replies in a thread through the whole app and the real Slack SDK, against a fake Slack with outages and 429s, across a restart. */
class OutboxRepliesOnTheWireTest
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
    void repliesQueuedDuringAnOutageBeforeARestartGoInTheirParentsThreadAfterItThroughA429()
            throws Exception
    {
        TestingDeckhand.prepare(directory, "scripts:\n  dir: @DIR@\n", Map.of());
        flaky.failWith(500);
        Chat chat = start();
        MessageRef alert = chat.post("C1", Message.text("job backup is failing"));
        MessageRef first = chat.reply(alert, Message.text("run 2 failed"));
        chat.update(first, Message.text("run 2 failed: exit 1"));
        await().until(() -> flaky.failed() >= 1);
        deckhand.close();

        // The parent's first call after Slack is back meets a 429; its reply waits, it is not dropped.
        flaky.recover();
        flaky.rateLimit(1, Duration.ofSeconds(1));
        chat = start();
        MessageRef second = chat.reply(alert, Message.text("run 3 failed"));

        await().atMost(Duration.ofSeconds(30)).until(() -> texts().containsAll(List.of("job backup is failing", "run 2 failed: exit 1", "run 3 failed")));
        List<Accepted> accepted = flaky.accepted();
        assertThat(accepted).extracting(Accepted::kind, Accepted::text).containsExactly(
                tuple("post", "job backup is failing"),
                tuple("post", "run 2 failed"),
                tuple("update", "run 2 failed: exit 1"),
                tuple("post", "run 3 failed"));
        String parentTs = accepted.get(0).ts();
        assertThat(flaky.threadOf(parentTs)).as("the alert is no reply").isEmpty();
        assertThat(flaky.threadOf(accepted.get(1).ts())).contains(parentTs);
        assertThat(flaky.threadOf(accepted.get(3).ts())).contains(parentTs);
        assertThat(accepted.get(2).ts()).as("the edit is of the reply").isEqualTo(accepted.get(1).ts());
        assertThat(flaky.answered()).filteredOn(call -> call.status() == 429).as("the 429 went to the alert, the first post owed")
                .singleElement().extracting(Answered::method).isEqualTo("chat.postMessage");
        assertThat(second.channel()).isEqualTo("C1");
    }

    private Chat start()
            throws Exception
    {
        deckhand = TestingDeckhand.replica(directory, slack, Map.of(
                "SLACK_API_URL", flaky.apiUrl(),
                "DECKHAND_DB_URL", "jdbc:h2:file:" + directory.resolve("data").resolve("deckhand")), List.of());
        return deckhand.instance(Chat.class);
    }

    private List<String> texts()
    {
        return flaky.accepted().stream().map(Accepted::text).toList();
    }
}
