package dev.deckhand.slack;

import dev.deckhand.audit.AuditLog;
import dev.deckhand.testing.SlackRequests;
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
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Signature, timestamp window, retries and the plain HTTP endpoints, over real HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlackRequestSecurityTest
{
    private static final String CONFIG = """
            access:
              admins: [U0ADMIN]
            scripts:
              dir: @DIR@
              list:
                - { name: hello, command: [hello.sh], allow: [everyone], concurrency: 10 }
            """;

    @TempDir
    static Path directory;
    private TestingSlack slack;
    private TestingDeckhand deckhand;
    private SlackRequests requests;

    @BeforeAll
    void start()
            throws Exception
    {
        deckhand = TestingDeckhand.start(directory, CONFIG, Map.of("hello.sh", "#!/bin/sh\necho hello\n"));
        slack = deckhand.slack();
        requests = deckhand.requests();
    }

    @AfterAll
    void stop()
    {
        deckhand.close();
    }

    @Test
    void badOrMissingSignatureIs401AndChangesNothing()
            throws Exception
    {
        String body = requests.slashCommand("/run", "hello", "U0DEV");
        String now = Long.toString(Instant.now().getEpochSecond());
        int audited = auditCount();

        HttpResponse<String> wrong = requests.sendRaw(body, Map.of("X-Slack-Request-Timestamp", now, "X-Slack-Signature", "v0=" + "0".repeat(64)));
        HttpResponse<String> missing = requests.sendRaw(body, Map.of());
        HttpResponse<String> noTimestamp = requests.sendRaw(body, Map.of("X-Slack-Signature", requests.sign(now, body)));

        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(noTimestamp.statusCode()).isEqualTo(401);
        assertThat(auditCount()).isEqualTo(audited);
        assertThat(slack.calls("chat.postMessage")).noneMatch(call -> call.get("text").contains("<@U0DEV>"));
    }

    @Test
    void staleAndFutureTimestampsAre401()
            throws Exception
    {
        Instant now = Instant.now();

        HttpResponse<String> stale = requests.send(requests.slashCommand("/run", "hello", "U0STALE"), now.minus(Duration.ofMinutes(6)), Map.of());
        HttpResponse<String> future = requests.send(requests.slashCommand("/run", "hello", "U0FUTURE"), now.plus(Duration.ofMinutes(6)), Map.of());
        HttpResponse<String> slightlyAhead = requests.send(requests.slashCommand("/deckhand", "help", "U0AHEAD"), now.plus(Duration.ofMinutes(4)), Map.of());

        assertThat(stale.statusCode()).isEqualTo(401);
        assertThat(future.statusCode()).isEqualTo(401);
        assertThat(slightlyAhead.statusCode()).isEqualTo(200);
    }

    @Test
    void aRetriedRequestRunsOnce()
            throws Exception
    {
        String body = requests.slashCommand("/run", "hello", "U0RETRY");

        HttpResponse<String> first = requests.send(body);
        HttpResponse<String> retry = requests.send(body, Instant.now(), Map.of("X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_timeout"));

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(retry.statusCode()).isEqualTo(200);
        await().untilAsserted(() -> assertThat(slack.decodedCalls("chat.update")).anyMatch(call -> call.get("text").contains("<@U0RETRY>") && call.get("text").contains("exit 0")));
        assertThat(slack.calls("chat.postMessage")).filteredOn(call -> call.get("text").contains("<@U0RETRY>")).hasSize(1);
    }

    @Test
    void slashCommandsAreAckedWellWithinThreeSeconds()
            throws Exception
    {
        long start = System.nanoTime();
        HttpResponse<String> response = requests.send(requests.slashCommand("/run", "hello", "U0FAST"));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(took).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void healthzAndMetricsAnswer()
            throws Exception
    {
        requests.send(requests.slashCommand("/deckhand", "help", "U0METRICS"));
        HttpClient client = HttpClient.newHttpClient();

        HttpResponse<String> health = client.send(get("/healthz"), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> metrics = client.send(get("/metrics"), HttpResponse.BodyHandlers.ofString());

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"ok\"").contains("\"store\"");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body())
                .contains("deckhand_requests_seconds_count{command=\"/deckhand\",kind=\"command\",outcome=\"ok\"}")
                .contains("deckhand_ack_latency_seconds");
    }

    private HttpRequest get(String path)
    {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + deckhand.port() + path)).GET().build();
    }

    private int auditCount()
    {
        return deckhand.instance(AuditLog.class).recent(200).size();
    }
}
