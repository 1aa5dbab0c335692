package dev.deckhand.jobs;

import dev.deckhand.config.Secret;
import dev.deckhand.config.Tokens;
import dev.deckhand.testing.TestingDeckhand;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code POST /jobs/{job}/trigger}: 202 with the run's id, 401 without the job's token, 404 for an unknown job,
 * 409 naming the run going on under {@code overlap: forbid}, 400 for a job that runs elsewhere; nothing starts
 * unless the answer is 202. The token is compared in constant time, here and for pings.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobTriggerTest
{
    private static final String QUICK_TOKEN = "quick-token-0123456789abcdef";
    private static final String HELD_TOKEN = "held-token-0123456789abcdef";
    private static final Pattern ACCEPTED = Pattern.compile("\\{\"run\": \"([0-9a-f-]{36})\"}\\s*");
    private static final String CONFIG = """
            timezone: UTC
            slack: { channel: "#ops" }
            access: { admins: [U0ADMIN] }
            scripts:
              dir: @DIR@
              list:
                - name: quick
                  command: [quick.sh]
                  timeout: 30s
                  allow: [everyone]
                - name: held
                  command: [held.sh]
                  timeout: 60s
                  allow: [everyone]
            jobs:
              - name: quick
                run: { script: quick }
                channel: "#quick"
                trigger: { token: "%s" }
              - name: held
                run: { script: held }
                channel: "#held"
                overlap: forbid
                trigger: { token: "%s" }
              - name: untokened
                run: { script: quick }
                channel: "#untokened"
              - name: outside
                every: 1h
                channel: "#outside"
            """.formatted(QUICK_TOKEN, HELD_TOKEN);

    @TempDir
    static Path directory;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private TestingDeckhand deckhand;
    private JobStore store;

    @BeforeAll
    void start()
            throws Exception
    {
        deckhand = TestingDeckhand.start(directory, CONFIG, Map.of("quick.sh", """
                #!/bin/sh
                echo "quick work done"
                """, "held.sh", """
                #!/bin/sh
                # Runs until the test lets it end.
                while [ ! -f "$(dirname "$0")/release" ]; do sleep 0.1; done
                echo "released"
                """));
        store = deckhand.instance(JobStore.class);
    }

    @AfterAll
    void stop()
    {
        deckhand.close();
    }

    @Test
    void aTriggerStartsARunAndAnswersItsId()
            throws Exception
    {
        HttpResponse<String> answer = trigger("quick", "Bearer " + QUICK_TOKEN);
        assertThat(answer.statusCode()).isEqualTo(202);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        String id = runId(answer);
        assertThat(UUID.fromString(id).toString()).isEqualTo(id);

        JobRunRecord run = store.run(id).orElseThrow();
        assertThat(run.job()).isEqualTo("quick");
        assertThat(run.startedBy()).isEqualTo(StartedBy.TRIGGER);
        await().atMost(Duration.ofSeconds(20)).until(() -> !store.run(id).orElseThrow().running());
        assertThat(store.run(id).orElseThrow().outcome()).contains(JobOutcome.SUCCEEDED);
        assertThat(store.output(id)).hasValueSatisfying(output -> assertThat(output).contains("quick work done"));
    }

    @Test
    void noRightBearerTokenIsRefusedAndStartsNothing()
            throws Exception
    {
        int before = store.runs("quick", 100).size();
        List<HttpRequest.Builder> refused = List.of(
                request("/jobs/quick/trigger"),
                request("/jobs/quick/trigger").header("Authorization", "Bearer wrong-token-0123456789abcdef"),
                request("/jobs/quick/trigger").header("Authorization", "Bearer " + QUICK_TOKEN.substring(0, QUICK_TOKEN.length() - 1)),
                request("/jobs/quick/trigger").header("Authorization", "Bearer " + QUICK_TOKEN + "x"),
                request("/jobs/quick/trigger").header("Authorization", "Bearer " + HELD_TOKEN),
                request("/jobs/quick/trigger").header("Authorization", "Bearer "),
                request("/jobs/quick/trigger").header("Authorization", QUICK_TOKEN),
                request("/jobs/quick/trigger").header("Authorization", "Basic " + QUICK_TOKEN),
                request("/jobs/quick/trigger").header("Authorization", "Token " + QUICK_TOKEN),
                request("/jobs/quick/trigger").header("Authorization", "Bearer wrong-token-0123456789abcdef").header("Authorization", "Bearer " + QUICK_TOKEN),
                request("/jobs/quick/trigger?token=" + QUICK_TOKEN),
                request("/jobs/untokened/trigger").header("Authorization", "Bearer " + QUICK_TOKEN));
        for (HttpRequest.Builder builder : refused) {
            HttpResponse<String> answer = send(builder.POST(BodyPublishers.noBody()));
            assertThat(answer.statusCode()).as(answer.request().headers().map().toString()).isEqualTo(401);
            assertThat(answer.body()).doesNotContain(QUICK_TOKEN).doesNotContain(HELD_TOKEN);
        }
        assertThat(store.runs("quick", 100)).hasSize(before);
        assertThat(store.runs("untokened", 100)).isEmpty();
    }

    @Test
    void anUnknownJobIsNotFound()
            throws Exception
    {
        for (String path : List.of("/jobs/nosuchjob/trigger", "/jobs/quick/run", "/jobs/quick", "/jobs/Quick/trigger", "/jobs/quick/trigger/now")) {
            HttpResponse<String> answer = send(request(path).header("Authorization", "Bearer " + QUICK_TOKEN).POST(BodyPublishers.noBody()));
            assertThat(answer.statusCode()).as(path).isEqualTo(404);
        }
        assertThat(store.runs("nosuchjob", 10)).isEmpty();
    }

    @Test
    void onlyPostTriggers()
            throws Exception
    {
        int before = store.runs("quick", 100).size();
        HttpResponse<String> answer = send(request("/jobs/quick/trigger").header("Authorization", "Bearer " + QUICK_TOKEN));
        assertThat(answer.statusCode()).isEqualTo(405);
        assertThat(store.runs("quick", 100)).hasSize(before);
    }

    @Test
    void aJobThatRunsElsewhereCannotBeTriggered()
            throws Exception
    {
        HttpResponse<String> answer = trigger("outside", "Bearer " + QUICK_TOKEN);
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("/ping/outside");
        assertThat(store.runs("outside", 10)).isEmpty();
    }

    @Test
    void aRunGoingOnHoldsAnOverlapForbidJob()
            throws Exception
    {
        Path release = directory.resolve("scripts/release");
        Files.deleteIfExists(release);
        HttpResponse<String> accepted = trigger("held", "Bearer " + HELD_TOKEN);
        assertThat(accepted.statusCode()).isEqualTo(202);
        String running = runId(accepted);

        HttpResponse<String> busy = trigger("held", "Bearer " + HELD_TOKEN);
        assertThat(busy.statusCode()).isEqualTo(409);
        assertThat(busy.body()).contains("\"running\": \"" + running + "\"");
        assertThat(store.runs("held", 10)).singleElement().satisfies(run -> {
            assertThat(run.id()).isEqualTo(running);
            assertThat(run.running()).isTrue();
        });
        assertThat(store.find("held").orElseThrow().runningRun()).contains(running);
        assertThat(trigger("held", "Bearer wrong-token-0123456789abcdef").statusCode()).isEqualTo(401);

        Files.writeString(release, "");
        await().atMost(Duration.ofSeconds(20)).until(() -> !store.run(running).orElseThrow().running());
        assertThat(store.run(running).orElseThrow().outcome()).contains(JobOutcome.SUCCEEDED);
        assertThat(store.find("held").orElseThrow().runningRun()).isEmpty();

        HttpResponse<String> next = trigger("held", "Bearer " + HELD_TOKEN);
        assertThat(next.statusCode()).isEqualTo(202);
        assertThat(runId(next)).isNotEqualTo(running);
        await().atMost(Duration.ofSeconds(20)).until(() -> store.runs("held", 10).stream().noneMatch(JobRunRecord::running));
        assertThat(store.runs("held", 10)).hasSize(2);
    }

    @Test
    void tokensMatchOnlyThemselves()
    {
        Secret token = new Secret(QUICK_TOKEN);
        assertThat(Tokens.matches(QUICK_TOKEN, token)).isTrue();
        assertThat(Tokens.matches(new String(QUICK_TOKEN.toCharArray()), token)).isTrue();
        for (String other : List.of("", QUICK_TOKEN.substring(1), QUICK_TOKEN + " ", QUICK_TOKEN.toUpperCase(), " " + QUICK_TOKEN, QUICK_TOKEN.substring(0, 16))) {
            assertThat(Tokens.matches(other, token)).as(other).isFalse();
        }
        assertThat(Tokens.bearer("Bearer " + QUICK_TOKEN)).contains(QUICK_TOKEN);
        assertThat(Tokens.bearer("Basic " + QUICK_TOKEN)).isEmpty();
        assertThat(Tokens.bearer(QUICK_TOKEN)).isEmpty();
    }

    /** The servlets compare a token only through {@link Tokens#matches} (constant time): never with equals, compareTo or a hash lookup. */
    @Test
    void theServletsCompareTokensInConstantTime()
            throws Exception
    {
        for (String servlet : List.of("JobTriggerServlet", "PingServlet")) {
            String source = Files.readString(Path.of("src/main/java/dev/deckhand/jobs/" + servlet + ".java"));
            assertThat(source).as(servlet).contains("Tokens.matches(given.get(), job.");
            List<String> compared = source.lines().filter(line -> line.toLowerCase().contains("token") || line.contains("given"))
                    .filter(line -> line.matches(".*\\.(equals|equalsIgnoreCase|contentEquals|compareTo|startsWith|hashCode)\\(.*")).toList();
            assertThat(compared).as(servlet).isEmpty();
        }
    }

    private static String runId(HttpResponse<String> accepted)
    {
        Matcher matcher = ACCEPTED.matcher(accepted.body());
        assertThat(matcher.matches()).as(accepted.body()).isTrue();
        return matcher.group(1);
    }

    private HttpResponse<String> trigger(String job, String authorization)
            throws Exception
    {
        return send(request("/jobs/" + job + "/trigger").header("Authorization", authorization).POST(BodyPublishers.noBody()));
    }

    private HttpRequest.Builder request(String path)
    {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + deckhand.port() + path)).timeout(Duration.ofSeconds(10));
    }

    private HttpResponse<String> send(HttpRequest.Builder request)
            throws Exception
    {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
