package dev.deckhand.jobs;

import dev.deckhand.testing.SlackRequests;
import dev.deckhand.testing.TestingClock;
import dev.deckhand.testing.TestingDeckhand;
import dev.deckhand.testing.TestingSlack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Jobs Deckhand runs, from Slack's side: a trigger, a failing job's one alert edited and its recovery, /jobs and its commands. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobsEndToEndTest
{
    private static final String TOKEN = "trigger-token-0123456789";
    private static final String CONFIG = """
            timezone: UTC
            slack: { channel: "#ops" }
            access: { admins: [U0ADMIN] }
            scripts:
              dir: @DIR@
              list:
                - name: build
                  command: [build.sh]
                  timeout: 30s
                  allow: [everyone]
            jobs:
              - name: build
                every: 30m
                run: { script: build }
                channel: "#batch"
                trigger: { token: "%s" }
                allow: [everyone]
            """.formatted(TOKEN);

    @TempDir
    static Path directory;
    private final TestingClock clock = TestingClock.ticking();
    private final HttpClient http = HttpClient.newHttpClient();
    private TestingSlack slack;
    private TestingDeckhand deckhand;
    private SlackRequests requests;

    @BeforeAll
    void start()
            throws Exception
    {
        slack = new TestingSlack();
        TestingDeckhand.prepare(directory, CONFIG, Map.of("build.sh", """
                #!/bin/sh
                echo "building pages"
                if [ -f "$(dirname "$0")/fail" ]; then echo "the API said 500" >&2; exit 3; fi
                echo "wrote 12 pages"
                """));
        deckhand = TestingDeckhand.overriding(directory, slack, Map.of(), List.of(binder -> binder.bind(Clock.class).toInstance(clock)));
        requests = deckhand.requests();
    }

    @AfterAll
    void stop()
    {
        deckhand.close();
        slack.close();
    }

    @Test
    void triggerRunsTheJobAndFailuresAlertOnceThenRecover()
            throws Exception
    {
        HttpResponse<String> accepted = trigger(TOKEN);
        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(accepted.body()).matches("(?s)\\{\"run\": \"[0-9a-f-]{36}\"}\\s*");
        assertThat(trigger("wrong-token-0123456789").statusCode()).isEqualTo(401);

        // The first run ends before the script starts failing, so the three below are the outage's.
        await().atMost(Duration.ofSeconds(20)).until(() -> runsEnded() >= 1);
        Files.writeString(directory.resolve("scripts/fail"), "");
        slack.forgetCalls();
        for (int i = 0; i < 3; i++) {
            int before = runsEnded();
            assertThat(trigger(TOKEN).statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(20)).until(() -> runsEnded() > before);
        }
        // The outbox skips an edit superseded by a newer one of the same message: wait for the last, not for a count.
        await().atMost(Duration.ofSeconds(10)).until(() -> lastUpdate().contains("3 run(s) failed"));
        List<Map<String, String>> posts = slack.decodedCalls("chat.postMessage");
        assertThat(posts).hasSize(1);
        assertThat(posts.get(0).get("channel")).isEqualTo("#batch");
        assertThat(posts.get(0).get("text")).contains("build").contains("failing since");
        assertThat(slack.decodedCalls("chat.update")).hasSizeBetween(1, 2);
        assertThat(lastUpdate()).contains("3 run(s) failed").contains("the API said 500");

        Files.delete(directory.resolve("scripts/fail"));
        assertThat(trigger(TOKEN).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> slack.decodedCalls("chat.postMessage").size() == 2);
        assertThat(slack.decodedCalls("chat.postMessage").get(1).get("text")).contains("build").contains("is back").contains("3 run(s) failed");

        String list = requests.reply(requests.slashCommand("/jobs", "", "U0DEV"));
        assertThat(list).contains("build").contains("succeeded");
        String detail = requests.reply(requests.slashCommand("/jobs", "build", "U0DEV"));
        assertThat(detail).contains("Last runs").contains("an HTTP trigger");
    }

    private String lastUpdate()
    {
        List<Map<String, String>> updates = slack.decodedCalls("chat.update");
        return updates.isEmpty() ? "" : updates.get(updates.size() - 1).get("blocks");
    }

    private int runsEnded()
    {
        return deckhand.instance(JobStore.class).runs("build", 100).stream().filter(run -> !run.running()).toList().size();
    }

    private HttpResponse<String> trigger(String token)
            throws Exception
    {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + deckhand.port() + "/jobs/build/trigger"))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
