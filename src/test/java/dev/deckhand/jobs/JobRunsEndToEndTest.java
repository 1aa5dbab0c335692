package dev.deckhand.jobs;

import com.sun.net.httpserver.HttpServer;
import dev.deckhand.testing.SlackRequests;
import dev.deckhand.testing.TestingAws;
import dev.deckhand.testing.TestingClock;
import dev.deckhand.testing.TestingDeckhand;
import dev.deckhand.testing.TestingSlack;
import dev.deckhand.testing.TestingSsm;
import dev.deckhand.testing.TestingSsm.Step;
import dev.deckhand.aws.AwsSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs of each kind, from Slack's side: a script watched live in the channel it was asked from, an HTTP call
 * against a loopback server, an SSM command through the fake SSM; a success under minRuntime, retries that alert
 * only after the last attempt, a timeout, overlap forbid reporting the skipped slot, and who may run what.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobRunsEndToEndTest
{
    private static final String CONFIG = """
            timezone: UTC
            slack: { channel: "#ops" }
            access: { admins: [U0ADMIN] }
            scripts:
              dir: @DIR@
              list:
                - { name: ok, command: [ok.sh], timeout: 30s, allow: [everyone] }
                - { name: flaky, command: [flaky.sh], timeout: 30s, allow: [everyone] }
                - { name: fails, command: [fails.sh], timeout: 30s, allow: [everyone] }
                - { name: slow, command: [slow.sh], timeout: 60s, allow: [everyone] }
                - { name: hangs, command: [hangs.sh], timeout: 60s, allow: [everyone] }
            jobs:
              - { name: live, run: { script: ok }, channel: "#batch", allow: [everyone] }
              - { name: admins-only, run: { script: ok }, channel: "#batch" }
              - { name: quick, run: { script: ok }, minRuntime: 5s, channel: "#batch", allow: [everyone] }
              - { name: noisy, run: { script: ok }, notify: [success, failure], channel: "#noisy", trigger: { token: "noisy-token-0123456789" } }
              - { name: flaky, run: { script: flaky }, retries: { count: 2, delay: 1s }, channel: "#batch", allow: [everyone] }
              - { name: fails, run: { script: fails }, retries: { count: 1, delay: 1s }, channel: "#batch", allow: [everyone] }
              - { name: hangs, run: { script: hangs }, timeout: 2s, channel: "#batch", allow: [everyone] }
              - { name: slow, every: 1m, run: { script: slow }, channel: "#batch", allow: [everyone] }
              - name: api
                run: { http: { url: "http://127.0.0.1:@API@/build", method: POST, headers: { X-Build: "1" }, body: "{}" } }
                channel: "#batch"
                allow: [everyone]
              - name: fleet
                run: { ssm: { document: AWS-RunShellScript, targets: { "tag:Role": batch }, parameters: { commands: ["make pages"] } } }
                timeout: 30s
                channel: "#batch"
                allow: [everyone]
            """;

    @TempDir
    static Path directory;
    private final TestingClock clock = TestingClock.ticking();
    private final AtomicInteger apiStatus = new AtomicInteger(200);
    private TestingSlack slack;
    private TestingSsm ssm;
    private HttpServer api;
    private TestingDeckhand deckhand;
    private SlackRequests requests;

    @BeforeAll
    void start()
            throws Exception
    {
        slack = new TestingSlack();
        ssm = new TestingSsm();
        ssm.addInstances(2, "batch", Map.of("Role", "batch"));
        api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/build", exchange -> {
            byte[] body = ("built, header " + exchange.getRequestHeaders().getFirst("X-Build")).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(apiStatus.get(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        api.start();
        TestingDeckhand.prepare(directory, CONFIG.replace("@API@", String.valueOf(api.getAddress().getPort())), Map.of(
                "ok.sh", "#!/bin/sh\necho \"built for $DECKHAND_JOB\"\n",
                "flaky.sh", "#!/bin/sh\nn=$(cat \"$0.count\" 2>/dev/null || echo 0); n=$((n+1)); echo $n > \"$0.count\"\necho \"attempt $n\"\n[ $n -ge 3 ]\n",
                "fails.sh", "#!/bin/sh\necho 'no API today' >&2\nexit 7\n",
                "slow.sh", "#!/bin/sh\nwhile [ ! -f \"$0.release\" ]; do sleep 0.1; done\nrm -f \"$0.release\"\necho done\n",
                "hangs.sh", "#!/bin/sh\necho started\nsleep 60\n"));
        Map<String, String> aws = Map.of(AwsSettings.REGION, TestingAws.REGION, AwsSettings.SSM_ENDPOINT, ssm.endpoint().toString());
        deckhand = TestingDeckhand.overriding(directory, slack, aws, List.of(binder -> binder.bind(Clock.class).toInstance(clock)));
        requests = deckhand.requests();
    }

    @AfterAll
    void stop()
    {
        deckhand.close();
        slack.close();
        ssm.close();
        api.stop(0);
    }

    @Test
    void aPersonsRunIsWatchedLiveInTheChannelItWasAskedFrom()
            throws Exception
    {
        String reply = requests.reply(requests.slashCommand("/jobs", "run live", "U0DEV"));
        assertThat(reply).contains("Starting `live`");
        JobRunRecord run = ended("live");
        assertThat(run.outcome()).contains(JobOutcome.SUCCEEDED);
        assertThat(run.startedBy()).isEqualTo(StartedBy.PERSON);
        assertThat(run.requester()).contains("U0DEV");
        assertThat(run.tail()).contains("built for live");
        await().atMost(Duration.ofSeconds(10)).until(() -> updates("live").stream().anyMatch(text -> text.contains("succeeded")));
        assertThat(slack.decodedCalls("chat.postMessage")).filteredOn(post -> post.get("text").contains("*live* is running")).singleElement()
                .satisfies(post -> assertThat(post.get("channel")).isEqualTo("C0RUN"));
        assertThat(updates("live")).last().asString().contains("<@U0DEV>");
    }

    @Test
    void successesAreSaidQuietlyInOneMessageADay()
            throws Exception
    {
        HttpClient http = HttpClient.newHttpClient();
        for (int run = 1; run <= 3; run++) {
            int before = deckhand.instance(JobStore.class).runs("noisy", 10).size();
            HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + deckhand.port() + "/jobs/noisy/trigger"))
                    .header("Authorization", "Bearer noisy-token-0123456789").POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(accepted.statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(20)).until(() -> deckhand.instance(JobStore.class).runs("noisy", 10).size() == before + 1
                    && !deckhand.instance(JobStore.class).runs("noisy", 1).get(0).running());
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> slack.decodedCalls("chat.update").stream().anyMatch(update -> update.get("text").contains("*noisy*: 3 success(es) today")));
        assertThat(slack.decodedCalls("chat.postMessage")).filteredOn(post -> "#noisy".equals(post.get("channel"))).singleElement()
                .satisfies(post -> assertThat(post.get("text")).contains("*noisy*: 1 success(es) today").contains("an HTTP trigger"));
    }

    @Test
    void onlyAllowedPeopleRunPauseOrResume()
            throws Exception
    {
        assertThat(requests.reply(requests.slashCommand("/jobs", "run admins-only", "U0DEV"))).contains("You can't control `admins-only`");
        assertThat(requests.reply(requests.slashCommand("/jobs", "pause admins-only", "U0DEV"))).contains("You can't control `admins-only`");
        assertThat(requests.reply(requests.slashCommand("/jobs", "run nope", "U0DEV"))).contains("There is no job called `nope`");
        assertThat(deckhand.instance(JobStore.class).runs("admins-only", 10)).isEmpty();
        assertThat(requests.reply(requests.slashCommand("/jobs", "run admins-only", "U0ADMIN"))).contains("Starting");
        assertThat(ended("admins-only").outcome()).contains(JobOutcome.SUCCEEDED);
    }

    @Test
    void aSuccessFasterThanMinRuntimeIsAFailure()
            throws Exception
    {
        requests.reply(requests.slashCommand("/jobs", "run quick", "U0DEV"));
        assertThat(ended("quick").outcome()).contains(JobOutcome.TOO_FAST);
        await().atMost(Duration.ofSeconds(10)).until(() -> alerts("quick").size() == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> slack.decodedCalls("chat.postMessage").stream()
                .anyMatch(post -> post.getOrDefault("blocks", "").contains("finished too fast (under 5.0s)")));
    }

    @Test
    void retriesEndInOneRunAndOnlyTheLastAttemptAlerts()
            throws Exception
    {
        requests.reply(requests.slashCommand("/jobs", "run flaky", "U0DEV"));
        JobRunRecord flaky = ended("flaky");
        assertThat(flaky.outcome()).contains(JobOutcome.SUCCEEDED);
        assertThat(flaky.attempt()).isEqualTo(3);
        assertThat(flaky.tail()).contains("attempt 3");
        assertThat(deckhand.instance(JobStore.class).runs("flaky", 10)).hasSize(1);
        assertThat(alerts("flaky")).isEmpty();

        requests.reply(requests.slashCommand("/jobs", "run fails", "U0DEV"));
        JobRunRecord fails = ended("fails");
        assertThat(fails.outcome()).contains(JobOutcome.FAILED);
        assertThat(fails.attempt()).isEqualTo(2);
        assertThat(fails.code()).hasValue(7);
        await().atMost(Duration.ofSeconds(10)).until(() -> alerts("fails").size() == 1);
        assertThat(slack.decodedCalls("chat.postMessage")).filteredOn(post -> post.get("text").contains("*fails* is failing")).singleElement()
                .satisfies(post -> assertThat(post.get("blocks")).contains("no API today").contains("exit 7").contains(JobViews.RERUN).contains(JobViews.PAUSE));
    }

    @Test
    void theAlertsButtonsShowTheLogRunAgainAndPause()
            throws Exception
    {
        int before = deckhand.instance(JobStore.class).runs("fails", 100).size();
        requests.reply(requests.slashCommand("/jobs", "run fails", "U0DEV"));
        await().atMost(Duration.ofSeconds(30)).until(() -> deckhand.instance(JobStore.class).runs("fails", 100).size() == before + 1
                && !deckhand.instance(JobStore.class).runs("fails", 1).get(0).running());
        String failed = deckhand.instance(JobStore.class).runs("fails", 1).get(0).id();
        int uploads = slack.calls("files.completeUploadExternal").size();
        clicked(JobViews.LOG, failed, "U0DEV", "log of `fails`");
        await().atMost(Duration.ofSeconds(10)).until(() -> slack.calls("files.completeUploadExternal").size() == uploads + 1);
        assertThat(slack.bodies("/upload/")).anyMatch(body -> body.contains("no API today"));

        int runs = deckhand.instance(JobStore.class).runs("fails", 100).size();
        clicked(JobViews.RERUN, "fails", "U0DEV", "Starting `fails`");
        await().atMost(Duration.ofSeconds(30)).until(() -> deckhand.instance(JobStore.class).runs("fails", 100).size() == runs + 1);
        clicked(JobViews.PAUSE, "fails", "U0DEV", "`fails` is paused by <@U0DEV>: paused from the alert");
        assertThat(requests.reply(requests.slashCommand("/jobs", "fails", "U0DEV"))).contains(":double_vertical_bar:").contains("paused by <@U0DEV>");
        assertThat(requests.reply(requests.slashCommand("/jobs", "resume fails", "U0DEV"))).contains("`fails` is resumed by <@U0DEV>");
        clicked(JobViews.LOG, "not-a-run", "U0DEV", "no longer kept");
    }

    @Test
    void aRunPastItsTimeoutIsKilledAndTimesOut()
            throws Exception
    {
        requests.reply(requests.slashCommand("/jobs", "run hangs", "U0DEV"));
        JobRunRecord run = ended("hangs");
        assertThat(run.outcome()).contains(JobOutcome.TIMED_OUT);
        assertThat(run.duration().orElseThrow()).isLessThan(Duration.ofSeconds(20));
        await().atMost(Duration.ofSeconds(10)).until(() -> alerts("hangs").size() == 1);
    }

    @Test
    void httpJobsCountTwoHundredsAsSuccessAndOthersAsFailure()
            throws Exception
    {
        requests.reply(requests.slashCommand("/jobs", "run api", "U0DEV"));
        JobRunRecord ok = ended("api");
        assertThat(ok.outcome()).contains(JobOutcome.SUCCEEDED);
        assertThat(ok.code()).hasValue(200);
        assertThat(deckhand.instance(JobStore.class).output(ok.id()).orElseThrow()).contains("built, header 1");

        apiStatus.set(503);
        requests.reply(requests.slashCommand("/jobs", "run api", "U0DEV"));
        await().atMost(Duration.ofSeconds(20)).until(() -> deckhand.instance(JobStore.class).runs("api", 10).stream().filter(run -> !run.running()).count() == 2);
        JobRunRecord failed = deckhand.instance(JobStore.class).runs("api", 1).get(0);
        assertThat(failed.outcome()).contains(JobOutcome.FAILED);
        assertThat(failed.code()).hasValue(503);
        await().atMost(Duration.ofSeconds(10)).until(() -> alerts("api").size() == 1);
        apiStatus.set(200);
    }

    @Test
    void ssmJobsWaitForEveryHost()
            throws Exception
    {
        ssm.script((instance, poll) -> poll < 2 ? Optional.of(Step.of("In Progress", "")) : Optional.of(Step.of("Success", "pages made on " + instance)));
        requests.reply(requests.slashCommand("/jobs", "run fleet", "U0DEV"));
        JobRunRecord run = ended("fleet");
        assertThat(run.outcome()).contains(JobOutcome.SUCCEEDED);
        assertThat(ssm.lastSent().documentName()).isEqualTo("AWS-RunShellScript");
        assertThat(ssm.lastSent().targets()).containsEntry("tag:Role", List.of("batch"));
        assertThat(deckhand.instance(JobStore.class).output(run.id()).orElseThrow()).contains("pages made on");

        ssm.script((instance, poll) -> Optional.of(Step.of(instance.endsWith("1") ? "Failed" : "Success", "make: *** no pages")));
        requests.reply(requests.slashCommand("/jobs", "run fleet", "U0DEV"));
        await().atMost(Duration.ofSeconds(20)).until(() -> deckhand.instance(JobStore.class).runs("fleet", 10).stream().filter(r -> !r.running()).count() == 2);
        JobRunRecord failed = deckhand.instance(JobStore.class).runs("fleet", 1).get(0);
        assertThat(failed.outcome()).contains(JobOutcome.FAILED);
        assertThat(failed.code()).hasValue(1);
        assertThat(failed.tail()).contains("failed").contains("no pages");
    }

    @Test
    void aSlotDueWhileTheRunGoesOnIsSkippedAndReported()
            throws Exception
    {
        assertThat(requests.reply(requests.slashCommand("/jobs", "run slow", "U0DEV"))).contains("Starting");
        await().atMost(Duration.ofSeconds(10)).until(() -> deckhand.instance(JobStore.class).runs("slow", 10).stream().anyMatch(JobRunRecord::running));
        assertThat(requests.reply(requests.slashCommand("/jobs", "run slow", "U0DEV"))).contains("is running right now");
        clock.advance(Duration.ofSeconds(61));
        await().atMost(Duration.ofSeconds(10)).until(() -> deckhand.instance(JobStore.class).runs("slow", 10).stream()
                .anyMatch(run -> run.outcome().equals(Optional.of(JobOutcome.SKIPPED))));
        await().atMost(Duration.ofSeconds(10)).until(() -> posts("slow").stream().anyMatch(text -> text.contains("skipped its")));
        Files.writeString(directory.resolve("scripts/slow.sh.release"), "");
        await().atMost(Duration.ofSeconds(20)).until(() -> deckhand.instance(JobStore.class).runs("slow", 10).stream().noneMatch(JobRunRecord::running));
        assertThat(deckhand.instance(JobStore.class).runs("slow", 10)).extracting(run -> run.outcome().orElseThrow())
                .containsExactlyInAnyOrder(JobOutcome.SUCCEEDED, JobOutcome.SKIPPED);
        // The skip is reported, not an outage.
        assertThat(posts("slow")).noneMatch(text -> text.contains("failing"));
    }

    private void clicked(String actionId, String value, String user, String answer)
            throws Exception
    {
        requests.send(requests.click(actionId, value, user));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(slack.bodies("/response/")).anyMatch(body -> body.contains(answer)));
    }

    private JobRunRecord ended(String job)
    {
        await().atMost(Duration.ofSeconds(30)).until(() -> deckhand.instance(JobStore.class).runs(job, 1).stream().anyMatch(run -> !run.running()));
        return deckhand.instance(JobStore.class).runs(job, 1).get(0);
    }

    private List<String> posts(String job)
    {
        return slack.decodedCalls("chat.postMessage").stream().map(post -> post.getOrDefault("text", "")).filter(text -> text.contains("*" + job + "*")).toList();
    }

    private List<String> alerts(String job)
    {
        return posts(job).stream().filter(text -> text.contains("*" + job + "* is failing")).toList();
    }

    private List<String> updates(String job)
    {
        return slack.decodedCalls("chat.update").stream().map(post -> post.getOrDefault("text", "")).filter(text -> text.contains("*" + job + "*")).toList();
    }
}
