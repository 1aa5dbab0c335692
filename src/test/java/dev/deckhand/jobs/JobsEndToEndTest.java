package dev.deckhand.jobs;

import dev.deckhand.testing.SlackRequests;
import dev.deckhand.testing.TestingClock;
import dev.deckhand.testing.TestingDeckhand;
import dev.deckhand.testing.TestingSlack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
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
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Jobs Deckhand runs, from Slack's side: a trigger, a failing job's one alert edited and its recovery, /jobs and its commands. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
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
                run: { script: build }
                channel: "#batch"
                trigger: { token: "%s" }
                allow: [everyone]
              - name: flappy
                run: { script: build }
                channel: "#flappy"
                trigger: { token: "%s" }
              - name: nightly
                every: 1m
                grace: 1m
                channel: "#batch"
            """.formatted(TOKEN, TOKEN);

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
    @Order(1)
    void triggerRunsTheJobAndFailuresAlertOnceThenRecover()
            throws Exception
    {
        HttpResponse<String> accepted = trigger(TOKEN);
        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(accepted.body()).matches("(?s)\\{\"run\": \"[0-9a-f-]{36}\"}\\s*");
        assertThat(trigger("wrong-token-0123456789").statusCode()).isEqualTo(401);
        await().atMost(Duration.ofSeconds(20)).until(() -> runsEnded() >= 1);
        assertThat(deckhand.instance(JobStore.class).runs("build", 10)).singleElement().satisfies(run -> assertThat(run.outcome()).contains(JobOutcome.SUCCEEDED));
        slack.forgetCalls();

        Files.writeString(directory.resolve("scripts/fail"), "");
        for (int i = 0; i < 10; i++) {
            int before = runsEnded();
            assertThat(trigger(TOKEN).statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(20)).until(() -> runsEnded() > before);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> slack.decodedCalls("chat.update").size() >= 2);
        List<Map<String, String>> posts = posts("build");
        assertThat(posts).hasSize(1);
        assertThat(posts.get(0).get("channel")).isEqualTo("#batch");
        assertThat(posts.get(0).get("text")).contains("build").contains("failing since");
        assertThat(slack.decodedCalls("chat.update").get(0).get("blocks")).contains("run(s) failed").contains("the API said 500");
        await().atMost(Duration.ofSeconds(10)).until(() -> last(slack.decodedCalls("chat.update")).get("blocks").contains("10 run(s) failed"));
        assertThat(posts("build")).hasSize(1);
        // Each failure after the first is a detail in the alert's thread, not a post in the channel.
        await().atMost(Duration.ofSeconds(15)).until(() -> slack.threadReplies("1700000000.000100").size() == 9);
        assertThat(slack.threadReplies("1700000000.000100")).allSatisfy(reply -> {
            assertThat(reply.get("channel")).isEqualTo("#batch");
            assertThat(reply.get("blocks")).contains("failed (exit 3)").contains("the API said 500").contains(JobViews.LOG);
        });

        Files.delete(directory.resolve("scripts/fail"));
        assertThat(trigger(TOKEN).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> posts("build").size() == 2);
        assertThat(posts("build").get(1).get("text")).contains("build").contains("is back").contains("10 run(s) failed");
        await().atMost(Duration.ofSeconds(10)).until(() -> last(slack.decodedCalls("chat.update")).get("text").contains("recovered"));

        String list = requests.reply(requests.slashCommand("/jobs", "", "U0DEV"));
        assertThat(list).contains("build").contains("succeeded");
        String detail = requests.reply(requests.slashCommand("/jobs", "build", "U0DEV"));
        assertThat(detail).contains("Last runs").contains("an HTTP trigger");
    }

    @Test
    @Order(2)
    void aFlappingJobIsOneMessageEditedNotAPostPerFlip()
            throws Exception
    {
        for (int flip = 0; flip < 8; flip++) {
            if (flip % 2 == 0) {
                Files.writeString(directory.resolve("scripts/fail"), "");
            }
            else {
                Files.delete(directory.resolve("scripts/fail"));
            }
            int before = ended("flappy");
            assertThat(trigger("flappy", TOKEN).statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(20)).until(() -> ended("flappy") > before);
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> last(slack.decodedCalls("chat.update")).get("text").contains("*flappy* recovered")
                && channelPosts("#flappy").size() >= 2);
        List<Map<String, String>> posts = channelPosts("#flappy");
        assertThat(posts).extracting(post -> post.get("text")).satisfiesExactly(
                alert -> assertThat(alert).contains("*flappy* is failing since"),
                recovery -> assertThat(recovery).contains("*flappy* is back"));
        // Each reopening is a detail in the one alert's thread (its edits saying "flapping" may be folded into the next edit by the outbox).
        assertThat(deckhand.instance(JobStore.class).find("flappy").orElseThrow().flaps()).isEqualTo(3);
        await().atMost(Duration.ofSeconds(10)).until(() -> slack.threadReplies("1700000000.000100").stream().filter(reply -> "#flappy".equals(reply.get("channel"))).count() == 3);
    }

    @Test
    @Order(3)
    void theAppHomeShowsTheBoardAndIsRefreshedWhenAJobChanges()
            throws Exception
    {
        assertThat(requests.sendJson(requests.appHomeOpened("U0DEV")).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> slack.homeViews("U0DEV").size() == 1);
        assertThat(slack.homeViews("U0DEV").get(0)).contains("Jobs").contains("*build*").contains("succeeded").contains("*nightly*").contains("never ran");
        assertThat(requests.reply(requests.slashCommand("/jobs", "pause build deploying the API", "U0DEV"))).contains("paused").contains("deploying the API");
        await().atMost(Duration.ofSeconds(15)).until(() -> slack.homeViews("U0DEV").size() == 2);
        assertThat(slack.homeViews("U0DEV").get(1)).contains("paused by").contains("deploying the API");
        assertThat(requests.reply(requests.slashCommand("/jobs", "resume build", "U0DEV"))).contains("resumed");
    }

    @Test
    @Order(4)
    void metricsCountRunsAndTheLastSuccess()
            throws Exception
    {
        assertThat(trigger(TOKEN).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> deckhand.instance(JobStore.class).lastEnded("build").isPresent());
        String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + deckhand.port() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).containsPattern("deckhand_job_runs_total\\{[^}]*job_name=\"build\"")
                .containsPattern("deckhand_job_run_duration_seconds_count\\{[^}]*job_name=\"build\"")
                .containsPattern("deckhand_job_last_success_timestamp_seconds\\{job_name=\"build\",?} [0-9.E]+")
                .contains("deckhand_job_last_success_timestamp_seconds{job_name=\"nightly\"");
    }

    @Test
    @Order(5)
    void aJobThatNeverReportedIsMissedOnceWhenItsFirstSlotAndGracePass()
    {
        // In steps the watch sees one by one: a jump longer than its gap would be Deckhand's own downtime, which gives a fresh grace.
        for (int step = 0; step < 12 && posts("nightly").isEmpty(); step++) {
            clock.advance(Duration.ofSeconds(15));
            Instant seen = deckhand.instance(JobStore.class).lookedAt().orElseThrow();
            await().atMost(Duration.ofSeconds(20)).until(() -> deckhand.instance(JobStore.class).lookedAt().orElseThrow().isAfter(seen));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> posts("nightly").size() == 1);
        assertThat(posts("nightly").get(0).get("text")).contains("nightly").contains("missed");
        assertThat(posts("nightly").get(0).get("channel")).isEqualTo("#batch");
        for (int look = 0; look < 2; look++) {
            Instant seen = deckhand.instance(JobStore.class).lookedAt().orElseThrow();
            await().atMost(Duration.ofSeconds(20)).until(() -> deckhand.instance(JobStore.class).lookedAt().orElseThrow().isAfter(seen));
        }
        assertThat(posts("nightly")).hasSize(1);
        assertThat(deckhand.instance(JobStore.class).runs("nightly", 10)).extracting(run -> run.outcome().orElseThrow()).containsExactly(JobOutcome.MISSED);
    }

    private List<Map<String, String>> posts(String job)
    {
        return slack.decodedCalls("chat.postMessage").stream().filter(post -> post.getOrDefault("text", "").contains("*" + job + "*")).toList();
    }

    private static Map<String, String> last(List<Map<String, String>> calls)
    {
        return calls.get(calls.size() - 1);
    }

    private int runsEnded()
    {
        return ended("build");
    }

    private List<Map<String, String>> channelPosts(String channel)
    {
        return slack.decodedCalls("chat.postMessage").stream().filter(post -> channel.equals(post.get("channel")) && !post.containsKey("thread_ts")).toList();
    }

    private int ended(String job)
    {
        return deckhand.instance(JobStore.class).runs(job, 100).stream().filter(run -> !run.running()).toList().size();
    }

    private HttpResponse<String> trigger(String token)
            throws Exception
    {
        return trigger("build", token);
    }

    private HttpResponse<String> trigger(String job, String token)
            throws Exception
    {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + deckhand.port() + "/jobs/" + job + "/trigger"))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
