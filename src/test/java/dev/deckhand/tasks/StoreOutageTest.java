package dev.deckhand.tasks;

import dev.deckhand.chat.Chat;
import dev.deckhand.chat.Message;
import dev.deckhand.testing.SlackRequests;
import dev.deckhand.testing.TestingDeckhand;
import dev.deckhand.testing.TestingPostgres;
import dev.deckhand.testing.TestingSlack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The database goes away under a running Deckhand and comes back: Slack hears why nothing happens, then everything works again. */
class StoreOutageTest
{
    private static final String NOTHING_DONE = ":x: Nothing was done: Deckhand's database does not answer. Try again in a minute";
    private static final Duration SLACK_GIVES_UP = Duration.ofSeconds(3);

    private static final String CONFIG = """
            scripts:
              dir: @DIR@
              list:
                - { name: wait, command: [wait.sh], timeout: 10m, allow: [everyone] }
                - { name: brief, command: [brief.sh], timeout: 1m, allow: [everyone] }
            """;

    @TempDir
    Path directory;

    @Test
    void slackIsToldWithinThreeSecondsAndHealthzSaysSoAndWorkResumesWhenTheDatabaseReturns()
            throws Exception
    {
        TestingPostgres postgres = TestingPostgres.startRestartable(directory.resolve("postgres"));
        try (TestingSlack slack = new TestingSlack()) {
            TestingDeckhand.prepare(directory, CONFIG, Map.of("wait.sh", "#!/bin/sh\nsleep 300\n", "brief.sh", "#!/bin/sh\nsleep 4\necho done briefly\n"));
            try (TestingDeckhand deckhand = TestingDeckhand.replica(directory, slack, Map.of("DECKHAND_DB_URL", postgres.createDatabase("outage")), List.of())) {
                HttpClient client = HttpClient.newHttpClient();
                SlackRequests requests = deckhand.requests();

                HttpResponse<String> up = health(client, deckhand);
                assertThat(up.statusCode()).isEqualTo(200);
                assertThat(up.body()).isEqualTo("{\"checks\":{\"outbox\":{\"healthy\":true,\"detail\":\"0 queued\"},\"store\":{\"healthy\":true,\"detail\":\"reachable\"}},\"status\":\"ok\"}");

                // A script runs through the outage, and a message Slack cannot take yet waits in the outbox.
                requests.send(requests.slashCommand("/run", "wait", "U0DEV"));
                await().until(() -> slack.calls("chat.postMessage").stream().anyMatch(call -> call.get("text").contains("ran `wait`")));
                slack.stubStatus("chat.postMessage", 500);
                deckhand.instance(Chat.class).post("C0BEFORE", Message.text("queued before the outage"));
                await().until(() -> posts(slack, "queued before the outage") > 0);
                await().untilAsserted(() -> assertThat(get(client, deckhand, "/metrics").body())
                        .containsPattern("(?m)^deckhand_outbox_depth [1-9]")
                        .containsPattern("(?m)^deckhand_outbox_retries_total\\{reason=\"transient\",?} [1-9]")
                        .containsPattern("(?m)^deckhand_outbox_delivery_latency_seconds_count [1-9]")
                        .containsPattern("(?m)^deckhand_tasks_lag_seconds "));
                // This one ends during the outage.
                requests.send(requests.slashCommand("/run", "brief", "U0DEV"));
                postgres.close();
                long outage = System.nanoTime();

                long started = System.nanoTime();
                HttpResponse<String> down = health(client, deckhand);
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
                assertThat(down.statusCode()).isEqualTo(503);
                assertThat(down.body())
                        .contains("\"store\":{\"healthy\":false,\"detail\":\"the database does not answer\"}")
                        .contains("\"outbox\":{\"healthy\":true,\"detail\":\"unknown: Deckhand's database does not answer\"}");

                started = System.nanoTime();
                HttpResponse<String> command = requests.send(requests.slashCommand("/deckhand", "help", "U0DEV"));
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(SLACK_GIVES_UP);
                assertThat(command.statusCode()).isEqualTo(200);
                assertThat(command.body()).contains("\"response_type\":\"ephemeral\"").contains(NOTHING_DONE);

                HttpResponse<String> click = requests.send(requests.click("deckhand.run.cancel", "run-1", "U0DEV"));
                assertThat(click.statusCode()).isEqualTo(200);
                await().atMost(Duration.ofSeconds(10)).until(() -> slack.bodies("/response/").stream().anyMatch(body -> body.contains("Nothing was done")));

                HttpResponse<String> form = requests.send(requests.submit("deckhand.run.form", "hello", Map.of(), "U0DEV"));
                assertThat(form.statusCode()).isEqualTo(200);
                assertThat(form.body()).contains("\"response_action\":\"update\"").contains(NOTHING_DONE);

                // Longer than a replica may stay silent before its runs count as interrupted: this one was silent only because the store was.
                await().atMost(Duration.ofSeconds(30)).until(() -> Duration.ofNanos(System.nanoTime() - outage).compareTo(Instances.DEAD_AFTER.plusSeconds(3)) > 0);
                postgres.restart();
                slack.stubOk("chat.postMessage", "{\"ok\":true,\"channel\":\"C0RUN\",\"ts\":\"1700000000.000100\"}");
                long refusedTries = posts(slack, "queued before the outage");

                await().atMost(Duration.ofSeconds(30)).until(() -> health(client, deckhand).statusCode() == 200);
                assertThat(requests.reply(requests.slashCommand("/deckhand", "help", "U0DEV"))).doesNotContain("Nothing was done").contains("/run");
                deckhand.instance(Chat.class).post("C0AFTER", Message.text("after the outage"));
                // Slack answers every post from now on: one more try of the queued message is its delivery.
                await().atMost(Duration.ofSeconds(60)).until(() -> posts(slack, "queued before the outage") > refusedTries && posts(slack, "after the outage") == 1);
                // Its post waits out the backoff Slack's 500s earned it; the final edit follows it.
                await().atMost(Duration.ofSeconds(60)).until(() -> slack.calls("chat.update").stream().anyMatch(call -> call.get("text").contains("ran `brief`: ") && call.get("text").contains("exit 0")));
                assertThat(requests.reply(requests.slashCommand("/run", "brief", "U0DEV"))).as("its slot is free again").doesNotContain("already running");
                await().pollDelay(Instances.DEAD_AFTER.plusSeconds(3)).atMost(Duration.ofSeconds(30)).until(() -> true);
                assertThat(slack.calls("chat.update")).as("edits of the run's message")
                        .isNotEmpty()
                        .noneMatch(call -> call.get("text").contains("interrupted"));
            }
        }
        finally {
            postgres.close();
        }
    }

    private static long posts(TestingSlack slack, String text)
    {
        return slack.calls("chat.postMessage").stream().filter(call -> text.equals(call.get("text"))).count();
    }

    private static HttpResponse<String> health(HttpClient client, TestingDeckhand deckhand)
            throws Exception
    {
        return get(client, deckhand, "/healthz");
    }

    private static HttpResponse<String> get(HttpClient client, TestingDeckhand deckhand, String path)
            throws Exception
    {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + deckhand.port() + path)).timeout(Duration.ofSeconds(20)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
