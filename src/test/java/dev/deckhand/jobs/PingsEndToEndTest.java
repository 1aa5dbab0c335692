package dev.deckhand.jobs;

import dev.deckhand.jobs.JobStore.PingRecord;
import dev.deckhand.jobs.Ping.Kind;
import dev.deckhand.store.Jdbc;
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
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ping URLs replayed against healthchecks.io's own cases (reference jobs.md 1.1–1.6, 8): each case checks
 * the HTTP answer and what was recorded (runs, pings, output, Slack posts). Each case has an outside job of its
 * own, so the cases share one app and no state.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PingsEndToEndTest
{
    private static final String PING_TOKEN = "ping-token-0123456789abcdef";
    private static final String UNFURLER = "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)";
    private static final List<String> PLAIN_JOBS = List.of("plain", "timed", "failing", "codes", "paired", "mismatched", "upper", "badrid", "bodies", "forms",
            "headed", "unfurled", "logged", "flaky", "cached", "agents", "parallel", "retried", "ridless", "restarted", "repeated", "reversed");
    private static final String CONFIG = """
            timezone: UTC
            slack: { channel: "#ops" }
            access: { admins: [U0ADMIN] }
            scripts:
              dir: @DIR@
              list:
                - { name: ok, command: [ok.sh] }
            jobs:
            @PLAIN@
              - { name: ours, every: 1h, run: { script: ok } }
              - name: guarded
                every: 1h
                channel: "#guarded"
                ping: { token: "%s" }
              - name: quick
                schedule: "0 3 * * *"
                channel: "#quick"
                minRuntime: 10m
              - name: hung
                every: 1h
                channel: "#hung"
                maxRuntime: 1m
            """.formatted(PING_TOKEN);

    @TempDir
    static Path directory;
    private final TestingClock clock = TestingClock.ticking();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private TestingSlack slack;
    private TestingDeckhand deckhand;
    private JobStore store;

    @BeforeAll
    void start()
            throws Exception
    {
        slack = new TestingSlack();
        StringBuilder plain = new StringBuilder();
        PLAIN_JOBS.forEach(name -> plain.append("  - name: ").append(name).append("\n    every: 1h\n    channel: \"#").append(name).append("\"\n"));
        TestingDeckhand.prepare(directory, CONFIG.replace("@PLAIN@\n", plain.toString()), Map.of("ok.sh", "#!/bin/sh\necho ok\n"));
        deckhand = TestingDeckhand.overriding(directory, slack, Map.of(), List.of(binder -> binder.bind(Clock.class).toInstance(clock)));
        store = deckhand.instance(JobStore.class);
    }

    @AfterAll
    void stop()
    {
        deckhand.close();
        slack.close();
    }

    @Test
    void successIsARunOfItsOwn()
            throws Exception
    {
        HttpResponse<String> answer = get("/ping/plain");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("OK");

        JobRunRecord run = onlyRun("plain");
        assertThat(run.running()).isFalse();
        assertThat(run.startedBy()).isEqualTo(StartedBy.PING);
        assertThat(run.outcome()).contains(JobOutcome.SUCCEEDED);
        assertThat(run.duration()).isEmpty();
        assertThat(store.pings("plain", 10)).singleElement().satisfies(ping -> {
            assertThat(ping.kind()).isEqualTo(Kind.SUCCESS);
            assertThat(ping.method()).isEqualTo("GET");
        });
        assertThat(store.find("plain").orElseThrow().expectedAt()).isPresent();

        assertThat(send(request("/ping/plain/").POST(BodyPublishers.noBody())).statusCode()).isEqualTo(200);
        assertThat(store.runs("plain", 10)).hasSize(2);
        assertThat(store.pings("plain", 10).get(0).method()).isEqualTo("POST");
    }

    @Test
    void aJobDeckhandRunsHasNoPingUrls()
            throws Exception
    {
        for (String path : List.of("/ping/ours", "/ping/ours/start", "/ping/ours/fail", "/ping/ours/0")) {
            HttpResponse<String> answer = get(path);
            assertThat(answer.statusCode()).as(path).isEqualTo(404);
            assertThat(answer.body()).contains("not found");
        }
        assertThat(store.runs("ours", 10)).isEmpty();
        assertThat(store.pings("ours", 10)).isEmpty();
    }

    @Test
    void anEndWithoutARidEndsTheNewestOpenRun()
            throws Exception
    {
        String rid = UUID.randomUUID().toString();
        assertThat(get("/ping/ridless/start?rid=" + rid).statusCode()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(30));
        assertThat(get("/ping/ridless").statusCode()).isEqualTo(200);
        JobRunRecord run = onlyRun("ridless");
        assertThat(run.running()).isFalse();
        assertThat(run.rid()).contains(rid);
        assertThat(run.outcome()).contains(JobOutcome.SUCCEEDED);
        assertThat(run.duration().orElseThrow()).isGreaterThanOrEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aSecondStartWithoutARidRestartsTheOpenOne()
            throws Exception
    {
        assertThat(get("/ping/restarted/start").statusCode()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(10));
        assertThat(get("/ping/restarted/start").statusCode()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(5));
        assertThat(get("/ping/restarted").statusCode()).isEqualTo(200);
        JobRunRecord run = onlyRun("restarted");
        assertThat(run.outcome()).contains(JobOutcome.SUCCEEDED);
        assertThat(run.duration().orElseThrow()).isLessThan(Duration.ofMinutes(1));
        assertThat(store.pings("restarted", 10)).extracting(ping -> ping.kind()).containsExactly(Kind.SUCCESS, Kind.START, Kind.START);
    }

    @Test
    void aRepeatedEndWithTheSameRidIsOneRun()
            throws Exception
    {
        String rid = UUID.randomUUID().toString();
        assertThat(get("/ping/repeated/start?rid=" + rid).statusCode()).isEqualTo(200);
        assertThat(get("/ping/repeated/0?rid=" + rid).statusCode()).isEqualTo(200);
        assertThat(get("/ping/repeated/0?rid=" + rid).statusCode()).isEqualTo(200);
        assertThat(onlyRun("repeated").outcome()).contains(JobOutcome.SUCCEEDED);
        assertThat(store.pings("repeated", 10)).hasSize(3);
    }

    @Test
    void aStartArrivingAfterItsEndOpensNothing()
            throws Exception
    {
        String rid = UUID.randomUUID().toString();
        assertThat(get("/ping/reversed?rid=" + rid).statusCode()).isEqualTo(200);
        assertThat(get("/ping/reversed/start?rid=" + rid).statusCode()).isEqualTo(200);
        JobRunRecord run = onlyRun("reversed");
        assertThat(run.running()).isFalse();
        assertThat(run.outcome()).contains(JobOutcome.SUCCEEDED);
    }

    @Test
    void theUserAgentIsKeptTo200Characters()
            throws Exception
    {
        String agent = "backup-script/1.0 " + "x".repeat(300);
        assertThat(send(request("/ping/agents").header("User-Agent", agent)).statusCode()).isEqualTo(200);
        assertThat(store.pings("agents", 10)).singleElement().satisfies(ping -> assertThat(ping.userAgent()).contains(agent.substring(0, 200)));
    }

    @Test
    void answersAreNeverCached()
            throws Exception
    {
        HttpResponse<String> answer = get("/ping/cached");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Cache-Control")).contains("no-cache");
        assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
        assertThat(answer.headers().firstValue("Ping-Body-Limit")).contains("10000");
    }

    @Test
    void startThenSuccessGivesTheDuration()
            throws Exception
    {
        assertThat(get("/ping/timed/start").body()).isEqualTo("OK");
        JobRunRecord started = onlyRun("timed");
        assertThat(started.running()).isTrue();
        assertThat(store.find("timed").orElseThrow().health()).isEqualTo(JobState.Health.NEW);

        clock.advance(Duration.ofSeconds(3));
        assertThat(get("/ping/timed").body()).isEqualTo("OK");

        JobRunRecord ended = onlyRun("timed");
        assertThat(ended.id()).isEqualTo(started.id());
        assertThat(ended.running()).isFalse();
        assertThat(ended.outcome()).contains(JobOutcome.SUCCEEDED);
        assertThat(ended.duration()).hasValueSatisfying(took -> assertThat(took).isBetween(Duration.ofSeconds(3), Duration.ofSeconds(30)));
        assertThat(store.pings("timed", 10)).extracting(PingRecord::kind).containsExactly(Kind.SUCCESS, Kind.START);
        assertThat(store.find("timed").orElseThrow().health()).isEqualTo(JobState.Health.UP);
        assertThat(get("/metrics").body()).contains("deckhand_job_run_duration_seconds_count{job_name=\"timed\"} 1");
    }

    @Test
    void startThenFailEndsTheRunAsFailed()
            throws Exception
    {
        get("/ping/failing/start");
        assertThat(get("/ping/failing/fail").statusCode()).isEqualTo(200);

        JobRunRecord run = onlyRun("failing");
        assertThat(run.running()).isFalse();
        assertThat(run.outcome()).contains(JobOutcome.FAILED);
        assertThat(run.duration()).isPresent();
        assertThat(run.code()).isEmpty();
        assertThat(store.pings("failing", 10)).extracting(PingRecord::kind).containsExactly(Kind.FAIL, Kind.START);
        assertThat(store.find("failing").orElseThrow().health()).isEqualTo(JobState.Health.DOWN);
    }

    @Test
    void exitCodesUpTo255AreSuccessOrFailure()
            throws Exception
    {
        assertThat(get("/ping/codes/0").body()).isEqualTo("OK");
        assertThat(get("/ping/codes/1").body()).isEqualTo("OK");
        assertThat(get("/ping/codes/255").body()).isEqualTo("OK");
        List<JobRunRecord> runs = store.runs("codes", 10);
        assertThat(runs).hasSize(3);
        assertThat(runs).extracting(run -> run.code().getAsInt()).containsExactlyInAnyOrder(0, 1, 255);
        runs.forEach(run -> assertThat(run.outcome()).contains(run.code().getAsInt() == 0 ? JobOutcome.SUCCEEDED : JobOutcome.FAILED));
        assertThat(store.pings("codes", 10)).extracting(PingRecord::exitCode).containsExactly(OptionalInt.of(255), OptionalInt.of(1), OptionalInt.of(0));
        assertThat(store.pings("codes", 10)).extracting(PingRecord::kind).containsExactly(Kind.FAIL, Kind.FAIL, Kind.SUCCESS);

        for (String code : List.of("256", "1000", "9999999999", "99999999999999999999")) {
            HttpResponse<String> tooLarge = get("/ping/codes/" + code);
            assertThat(tooLarge.statusCode()).as(code).isEqualTo(400);
            assertThat(tooLarge.body().strip()).isEqualTo("invalid url format");
        }
        HttpResponse<String> negative = get("/ping/codes/-1");
        assertThat(negative.statusCode()).isEqualTo(404);
        assertThat(negative.body().strip()).isEqualTo("not found");

        assertThat(store.runs("codes", 10)).hasSize(3);
        assertThat(store.pings("codes", 10)).hasSize(3);
    }

    @Test
    void ridsPairEachStartWithItsOwnEnd()
            throws Exception
    {
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        get("/ping/paired/start?rid=" + first);
        get("/ping/paired/start?rid=" + second);
        clock.advance(Duration.ofSeconds(2));
        assertThat(get("/ping/paired?rid=" + second).body()).isEqualTo("OK");
        assertThat(run("paired", first).running()).isTrue();
        assertThat(get("/ping/paired/fail?rid=" + first).body()).isEqualTo("OK");

        assertThat(store.runs("paired", 10)).hasSize(2);
        JobRunRecord failed = run("paired", first);
        JobRunRecord succeeded = run("paired", second);
        assertThat(failed.outcome()).contains(JobOutcome.FAILED);
        assertThat(succeeded.outcome()).contains(JobOutcome.SUCCEEDED);
        assertThat(failed.duration()).hasValueSatisfying(took -> assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(2)));
        assertThat(succeeded.duration()).hasValueSatisfying(took -> assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(2)));
        assertThat(store.pings("paired", 10)).extracting(PingRecord::rid)
                .containsExactly(Optional.of(first), Optional.of(second), Optional.of(second), Optional.of(first));
    }

    @Test
    void concurrentRunsReportedAtOnceAreEachPaired()
            throws Exception
    {
        List<String> rids = IntStream.range(0, 8).mapToObj(i -> UUID.randomUUID().toString()).toList();
        List<CompletableFuture<HttpResponse<String>>> starts = rids.stream().map(rid -> sendAsync(request("/ping/parallel/start?rid=" + rid))).toList();
        assertThat(starts).allSatisfy(start -> assertThat(start.get().statusCode()).isEqualTo(200));
        List<CompletableFuture<HttpResponse<String>>> ends = rids.stream()
                .map(rid -> sendAsync(request("/ping/parallel/" + (rids.indexOf(rid) % 2) + "?rid=" + rid))).toList();
        assertThat(ends).allSatisfy(end -> assertThat(end.get().statusCode()).isEqualTo(200));

        List<JobRunRecord> runs = store.runs("parallel", 20);
        assertThat(runs).hasSize(8).allSatisfy(run -> {
            assertThat(run.running()).isFalse();
            assertThat(run.duration()).isPresent();
            assertThat(run.outcome()).contains(rids.indexOf(run.rid().orElseThrow()) % 2 == 0 ? JobOutcome.SUCCEEDED : JobOutcome.FAILED);
        });
        assertThat(store.pings("parallel", 20)).hasSize(16);
    }

    /** A client's retry ({@code curl --retry}) sends the same start twice: one run, which its end closes, not a second left open to hang. */
    @Test
    void aRepeatedStartWithTheSameRidIsTheSameRun()
            throws Exception
    {
        String rid = UUID.randomUUID().toString();
        assertThat(get("/ping/retried/start?rid=" + rid).statusCode()).isEqualTo(200);
        assertThat(send(request("/ping/retried/start?rid=" + rid).POST(BodyPublishers.ofString("second try"))).statusCode()).isEqualTo(200);
        assertThat(get("/ping/retried?rid=" + rid).statusCode()).isEqualTo(200);

        JobRunRecord run = onlyRun("retried");
        assertThat(run.running()).isFalse();
        assertThat(run.outcome()).contains(JobOutcome.SUCCEEDED);
        assertThat(store.output(run.id())).hasValue("second try");
        assertThat(store.pings("retried", 10)).extracting(PingRecord::kind).containsExactly(Kind.SUCCESS, Kind.START, Kind.START);
    }

    @Test
    void anEndWithAnotherRidLeavesTheStartOpen()
            throws Exception
    {
        String started = UUID.randomUUID().toString();
        String other = UUID.randomUUID().toString();
        get("/ping/mismatched/start?rid=" + started);
        assertThat(get("/ping/mismatched?rid=" + other).body()).isEqualTo("OK");

        assertThat(store.runs("mismatched", 10)).hasSize(2);
        assertThat(run("mismatched", started).running()).isTrue();
        JobRunRecord own = run("mismatched", other);
        assertThat(own.running()).isFalse();
        assertThat(own.outcome()).contains(JobOutcome.SUCCEEDED);
        assertThat(own.duration()).isEmpty();

        // No replica runs a pinged run, so the watch's next look does not end it as interrupted.
        awaitWatchLook();
        assertThat(run("mismatched", started).running()).isTrue();
        assertThat(store.find("mismatched").orElseThrow().health()).isEqualTo(JobState.Health.UP);
        assertThat(posts("#mismatched")).isEmpty();
    }

    @Test
    void anUppercaseRidIsTheSameRid()
            throws Exception
    {
        String rid = UUID.randomUUID().toString();
        assertThat(get("/ping/upper/start?rid=" + rid.toUpperCase()).statusCode()).isEqualTo(200);
        assertThat(get("/ping/upper/0?rid=" + rid).statusCode()).isEqualTo(200);

        JobRunRecord run = onlyRun("upper");
        assertThat(run.rid()).contains(rid);
        assertThat(run.running()).isFalse();
        assertThat(run.duration()).isPresent();
        assertThat(store.pings("upper", 10)).extracting(PingRecord::rid).containsOnly(Optional.of(rid));
    }

    @Test
    void aRidThatIsNotAUuidIsRefusedAndNothingRecorded()
            throws Exception
    {
        for (String rid : List.of("not-a-uuid", UUID.randomUUID().toString().replace("-", ""), UUID.randomUUID() + "0", "")) {
            for (String path : List.of("/ping/badrid", "/ping/badrid/start", "/ping/badrid/fail", "/ping/badrid/log", "/ping/badrid/3")) {
                HttpResponse<String> answer = get(path + "?rid=" + rid);
                assertThat(answer.statusCode()).as(path + " rid " + rid).isEqualTo(400);
                assertThat(answer.body().strip()).isEqualTo("invalid uuid format");
            }
        }
        assertThat(store.runs("badrid", 10)).isEmpty();
        assertThat(store.pings("badrid", 10)).isEmpty();
    }

    @Test
    void theFirst10000BytesOfTheBodyAreTheRunsLog()
            throws Exception
    {
        String body = "0123456789".repeat(2_000);
        HttpResponse<String> answer = send(request("/ping/bodies").POST(BodyPublishers.ofString(body)));
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Ping-Body-Limit")).contains("10000");

        JobRunRecord run = onlyRun("bodies");
        assertThat(store.output(run.id())).hasValue(body.substring(0, 10_000));
        assertThat(run.tail()).isEqualTo(body.substring(0, 10_000));
    }

    /** {@code curl --data-raw "$log" …/ping/job} sends the log as a form; it is still the log, and the query still counts. */
    @Test
    void aFormBodyIsKeptAsTheLogToo()
            throws Exception
    {
        String rid = UUID.randomUUID().toString();
        HttpResponse<String> started = send(request("/ping/forms/start?rid=" + rid).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(BodyPublishers.ofString("backup started: 3 volumes")));
        assertThat(started.statusCode()).isEqualTo(200);
        HttpResponse<String> ended = send(request("/ping/forms?rid=" + rid).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(BodyPublishers.ofString("rid=not-this&done=1")));
        assertThat(ended.statusCode()).isEqualTo(200);

        JobRunRecord run = onlyRun("forms");
        assertThat(run.rid()).contains(rid);
        assertThat(run.running()).isFalse();
        assertThat(store.output(run.id())).hasValue("backup started: 3 volumes\nrid=not-this&done=1");
    }

    @Test
    void headIsAPingWithAnEmptyAnswer()
            throws Exception
    {
        HttpResponse<String> answer = send(request("/ping/headed").method("HEAD", BodyPublishers.noBody()));
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEmpty();

        assertThat(onlyRun("headed").outcome()).contains(JobOutcome.SUCCEEDED);
        assertThat(store.pings("headed", 10)).singleElement().satisfies(ping -> assertThat(ping.method()).isEqualTo("HEAD"));
    }

    @Test
    void anUnknownJobIsNotFound()
            throws Exception
    {
        for (String path : List.of("/ping/nosuchjob", "/ping/nosuchjob/start", "/ping/Plain", "/ping/plain/stop", "/ping/plain/start/now", "/ping/", "/ping")) {
            HttpResponse<String> answer = get(path);
            assertThat(answer.statusCode()).as(path).isEqualTo(404);
            assertThat(answer.body().strip()).as(path).isEqualTo("not found");
        }
        assertThat(store.pings("nosuchjob", 10)).isEmpty();
    }

    @Test
    void aJobWithAPingTokenNeedsIt()
            throws Exception
    {
        List<HttpRequest.Builder> refused = List.of(request("/ping/guarded"), request("/ping/guarded/fail").header("Authorization", "Bearer wrong-token-0123456789"),
                request("/ping/guarded/start?token=wrong-token-0123456789"), request("/ping/guarded?token=" + PING_TOKEN.substring(1)),
                request("/ping/guarded").header("Authorization", "Basic " + PING_TOKEN), request("/ping/guarded/1?token="));
        for (HttpRequest.Builder builder : refused) {
            HttpResponse<String> answer = send(builder);
            assertThat(answer.statusCode()).as(answer.uri().toString()).isEqualTo(401);
            assertThat(answer.body()).doesNotContain(PING_TOKEN);
        }
        assertThat(store.runs("guarded", 10)).isEmpty();
        assertThat(store.pings("guarded", 10)).isEmpty();
        assertThat(store.find("guarded").flatMap(JobState::lastSuccess)).isEmpty();

        assertThat(send(request("/ping/guarded").header("Authorization", "Bearer " + PING_TOKEN)).body()).isEqualTo("OK");
        assertThat(get("/ping/guarded/0?token=" + PING_TOKEN).body()).isEqualTo("OK");
        assertThat(send(request("/ping/guarded?token=" + PING_TOKEN).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(BodyPublishers.ofString("token=wrong"))).body()).isEqualTo("OK");
        assertThat(store.runs("guarded", 10)).hasSize(3).allSatisfy(run -> assertThat(run.outcome()).contains(JobOutcome.SUCCEEDED));
        assertThat(store.pings("guarded", 10)).hasSize(3);
    }

    /** A ping URL posted in a channel is fetched by Slack's unfurler: kept as ignored, with no run and no alert. */
    @Test
    void slacksLinkUnfurlerIsIgnored()
            throws Exception
    {
        JobState before = store.state("unfurled", clock.instant(), Optional.empty());
        for (String path : List.of("/ping/unfurled/fail", "/ping/unfurled/start", "/ping/unfurled")) {
            HttpResponse<String> answer = send(request(path).header("User-Agent", UNFURLER));
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("OK");
        }
        assertThat(send(request("/ping/unfurled/1").header("User-Agent", UNFURLER).method("HEAD", BodyPublishers.noBody())).statusCode()).isEqualTo(200);

        assertThat(store.pings("unfurled", 10)).hasSize(4).allSatisfy(ping -> {
            assertThat(ping.kind()).isEqualTo(Kind.IGNORED);
            assertThat(ping.userAgent()).contains(UNFURLER);
        });
        assertThat(store.runs("unfurled", 10)).isEmpty();
        assertThat(store.find("unfurled")).contains(before);
        assertThat(posts("#unfurled")).isEmpty();
    }

    @Test
    void aLogAddsToTheOpenRunWithoutEndingIt()
            throws Exception
    {
        String rid = UUID.randomUUID().toString();
        send(request("/ping/logged/start?rid=" + rid).POST(BodyPublishers.ofString("step 1")));
        assertThat(send(request("/ping/logged/log?rid=" + rid).POST(BodyPublishers.ofString("step 2"))).body()).isEqualTo("OK");

        JobRunRecord open = onlyRun("logged");
        assertThat(open.running()).isTrue();
        assertThat(store.output(open.id())).hasValue("step 1\nstep 2");
        assertThat(store.find("logged").orElseThrow().health()).isEqualTo(JobState.Health.NEW);

        send(request("/ping/logged?rid=" + rid).POST(BodyPublishers.ofString("done")));
        JobRunRecord ended = onlyRun("logged");
        assertThat(ended.running()).isFalse();
        assertThat(ended.outcome()).contains(JobOutcome.SUCCEEDED);
        assertThat(store.output(ended.id())).hasValue("step 1\nstep 2\ndone");
        assertThat(store.pings("logged", 10)).extracting(PingRecord::kind).containsExactly(Kind.SUCCESS, Kind.LOG, Kind.START);
    }

    @Test
    void failuresOpenOneAlertAndASuccessPostsTheRecovery()
            throws Exception
    {
        send(request("/ping/flaky/fail").POST(BodyPublishers.ofString("disk full")));
        await().atMost(Duration.ofSeconds(10)).until(() -> posts("#flaky").size() == 1);
        assertThat(posts("#flaky").get(0).get("text")).contains("flaky").contains("failing since");

        int updates = slack.decodedCalls("chat.update").size();
        get("/ping/flaky/2");
        await().atMost(Duration.ofSeconds(10)).until(() -> slack.decodedCalls("chat.update").size() > updates);
        assertThat(posts("#flaky")).hasSize(1);
        assertThat(store.find("flaky").orElseThrow().downFailed()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> slack.threadReplies("1700000000.000100").stream().anyMatch(reply -> "#flaky".equals(reply.get("channel"))
                && reply.get("text").contains("failed (exit 2)")));

        get("/ping/flaky");
        await().atMost(Duration.ofSeconds(10)).until(() -> posts("#flaky").size() == 2);
        assertThat(posts("#flaky").get(1).get("text")).contains("flaky").contains("is back").contains("2 run(s) failed");
        assertThat(store.find("flaky").orElseThrow().health()).isEqualTo(JobState.Health.UP);
    }

    @Test
    void aRunFasterThanMinRuntimeIsAFailure()
            throws Exception
    {
        get("/ping/quick/start");
        get("/ping/quick");

        JobRunRecord run = onlyRun("quick");
        assertThat(run.outcome()).contains(JobOutcome.TOO_FAST);
        assertThat(store.find("quick").orElseThrow().health()).isEqualTo(JobState.Health.DOWN);
        await().atMost(Duration.ofSeconds(10)).until(() -> posts("#quick").size() == 1);
        assertThat(posts("#quick").get(0).get("text")).contains("quick");
    }

    @Test
    void aStartWithNoEndByMaxRuntimeIsAHungRun()
            throws Exception
    {
        get("/ping/hung/start");
        JobRunRecord started = onlyRun("hung");
        assertThat(started.running()).isTrue();

        clock.advance(Duration.ofSeconds(61));
        await().atMost(Duration.ofSeconds(20)).until(() -> !onlyRun("hung").running());
        JobRunRecord hung = onlyRun("hung");
        assertThat(hung.outcome()).contains(JobOutcome.TIMED_OUT);
        assertThat(hung.tail()).contains("did not end within maxRuntime");
        await().atMost(Duration.ofSeconds(10)).until(() -> posts("#hung").size() == 1);
        assertThat(posts("#hung").get(0).get("text")).contains("hung");

        // The end that comes too late is a run of its own; the hung one stays hung.
        get("/ping/hung");
        assertThat(store.runs("hung", 10)).hasSize(2);
        assertThat(store.run(started.id()).orElseThrow().outcome()).contains(JobOutcome.TIMED_OUT);
    }

    /** Waits for the missed-run watch (every 5 s) to look from now, and to be done looking: it notes a look as it begins, so two are waited for. */
    private void awaitWatchLook()
    {
        Instant first = awaitLookAfter(clock.instant());
        awaitLookAfter(first);
    }

    private Instant awaitLookAfter(Instant from)
    {
        Jdbc jdbc = deckhand.instance(Jdbc.class);
        return await().atMost(Duration.ofSeconds(15))
                .until(() -> jdbc.query("SELECT looked_at FROM job_watch WHERE id = 1", row -> Jdbc.instant(row, "looked_at")).stream().findFirst(),
                        look -> look.filter(at -> at.isAfter(from)).isPresent())
                .orElseThrow();
    }

    private JobRunRecord onlyRun(String job)
    {
        List<JobRunRecord> runs = store.runs(job, 10);
        assertThat(runs).as("runs of " + job).hasSize(1);
        return runs.get(0);
    }

    private JobRunRecord run(String job, String rid)
    {
        return store.runs(job, 10).stream().filter(run -> run.rid().equals(Optional.of(rid))).findFirst().orElseThrow();
    }

    /** Posts in the channel itself, not replies in a thread there. */
    private List<Map<String, String>> posts(String channel)
    {
        return slack.decodedCalls("chat.postMessage").stream().filter(post -> channel.equals(post.get("channel")) && !post.containsKey("thread_ts")).toList();
    }

    private HttpResponse<String> get(String path)
            throws Exception
    {
        return send(request(path));
    }

    private HttpRequest.Builder request(String path)
    {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + deckhand.port() + path)).timeout(Duration.ofSeconds(10));
    }

    private CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest.Builder request)
    {
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(HttpRequest.Builder request)
            throws Exception
    {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
