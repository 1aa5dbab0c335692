package dev.deckhand.slack;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.deckhand.audit.AuditEntry;
import dev.deckhand.audit.AuditLog;
import dev.deckhand.config.Environment;
import dev.deckhand.store.Jdbc;
import dev.deckhand.testing.Json;
import dev.deckhand.testing.SlackRequests;
import dev.deckhand.testing.TestingDeckhand;
import dev.deckhand.testing.TestingLogs;
import dev.deckhand.testing.TestingSlack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Requests no Slack would send, over real HTTP to one booted Deckhand: forged, unsigned, malformed,
 * oversize, stalled, shaped wrong. Each is refused with a 4xx (or a short answer Slack shows) that
 * names no exception, starts nothing, holds no script slot, and is audited when it was signed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest
{
    private static final String CONFIG = """
            access:
              admins: [U0ADMIN]
            scripts:
              dir: @DIR@
              list:
                - name: hello
                  command: [hello.sh, "{name}"]
                  params:
                    - { name: name, pattern: "[A-Za-z-]{1,32}", default: world }
                  allow: [everyone]
                  concurrency: 10
                - name: echo
                  command: [hello.sh, "{text}"]
                  params: [{ name: text }]
                  allow: [everyone]
                - name: pick
                  command: [hello.sh, "{count}"]
                  params: [{ name: count, type: int }]
                  allow: [everyone]
                - name: solo
                  command: [hello.sh, solo]
                  allow: [everyone]
                  concurrency: 1
            """;
    private static final Duration IDLE_TIMEOUT = Duration.ofMillis(1500);
    private static final String LONG_ID = "U" + "0".repeat(64);
    private static final String FORM = "deckhand.run.form";

    @TempDir
    static Path directory;
    private TestingDeckhand deckhand;
    private TestingSlack slack;
    private SlackRequests requests;
    private TestingLogs logs;

    @BeforeAll
    void start()
            throws Exception
    {
        logs = TestingLogs.capture();
        deckhand = TestingDeckhand.start(directory, CONFIG, Map.of("hello.sh", "#!/bin/sh\necho \"Hello, ${1:-world}!\"\n"),
                Map.of(Environment.HTTP_IDLE_TIMEOUT, Long.toString(IDLE_TIMEOUT.toMillis())));
        slack = deckhand.slack();
        requests = deckhand.requests();
    }

    @AfterAll
    void stop()
    {
        try {
            deckhand.close();
        }
        finally {
            logs.close();
        }
    }

    @Test
    void unsignedMalformedBodiesAre401WithOneShortLogLineAndNoBody()
            throws Exception
    {
        String marker = "HOSTILE-MARKER-" + "x".repeat(500);
        List<String> bodies = List.of(
                "payload=%zz" + marker + "&" + "A".repeat(600_000),
                "payload=" + URLEncoder.encode("{\"type\":\"block_actions\",\"note\":\"" + marker + "\"", StandardCharsets.UTF_8),
                marker,
                "command=%2Frun&text=" + marker + "&user_id=U0DEV&channel_id=C0RUN");
        int audited = auditCount();

        for (String body : bodies) {
            int mark = logs.mark();
            HttpResponse<String> unsigned = requests.sendRaw(body, Map.of());
            HttpResponse<String> forged = requests.sendRaw(body, Map.of("X-Slack-Request-Timestamp", now(), "X-Slack-Signature", "v0=" + "0".repeat(64)));

            for (HttpResponse<String> response : List.of(unsigned, forged)) {
                assertThat(response.statusCode()).isEqualTo(401);
                assertClean(response.body());
                assertThat(response.body()).doesNotContain("HOSTILE-MARKER").hasSizeLessThan(100);
            }
            List<ILoggingEvent> events = logs.since(mark);
            assertThat(events).noneMatch(event -> TestingLogs.line(event).contains("HOSTILE-MARKER"));
            assertThat(events).filteredOn(HostileInputTest::fromTheRequestPath).hasSize(2)
                    .allSatisfy(event -> assertThat(TestingLogs.line(event)).hasSizeLessThan(250).contains("401"));
        }
        assertThat(auditCount()).isEqualTo(audited);
        assertNoSlotHeld();
    }

    @Test
    void aDuplicatedSignatureHeaderIsRefused()
            throws Exception
    {
        String body = requests.slashCommand("/run", "hello name=Twice", "U0TWICE");
        String timestamp = now();
        String signature = requests.sign(timestamp, body);

        String twice = raw("POST /slack/events HTTP/1.1\r\nHost: deckhand\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "X-Slack-Request-Timestamp: " + timestamp + "\r\nX-Slack-Signature: " + signature + "\r\nX-Slack-Signature: " + signature + "\r\n"
                + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body);
        String twoTimestamps = raw("POST /slack/events HTTP/1.1\r\nHost: deckhand\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "X-Slack-Request-Timestamp: " + timestamp + "\r\nX-Slack-Request-Timestamp: 1\r\nX-Slack-Signature: " + signature + "\r\n"
                + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body);

        assertThat(twice).startsWith("HTTP/1.1 401 ");
        assertThat(twoTimestamps).startsWith("HTTP/1.1 401 ");
        assertClean(twice);
        assertThat(deckhand.instance(AuditLog.class).recent(200)).noneMatch(entry -> entry.userId().equals("U0TWICE"));
        // The same request signed once is Slack's, and runs.
        assertThat(requests.send(body).statusCode()).isEqualTo(200);
        await().untilAsserted(() -> assertThat(slack.decodedCalls("chat.update")).anyMatch(call -> call.get("text").contains("<@U0TWICE>")));
    }

    @Test
    void malformedPercentEncodingIs400AndAudited()
            throws Exception
    {
        for (String body : List.of(
                "command=%2Frun&text=%zz&user_id=U0DEV&channel_id=C0RUN",
                "payload=%7B%22type%22%3A%22block_actions%22%zz",
                "command=%2F%zzrun&text=hello&user_id=U0DEV&channel_id=C0RUN",
                "token=x&command=%E0%A4%A")) {
            int audited = auditCount();

            HttpResponse<String> response = requests.send(body);

            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertClean(response.body());
            assertThat(newestAudit(audited)).as(body).satisfies(entry -> assertThat(entry.outcome()).isEqualTo("malformed"));
        }
        assertNoSlotHeld();
    }

    @Test
    void payloadsThatAreNotJsonOrNotSlacksShapeAre400AndAudited()
            throws Exception
    {
        for (String payload : List.of(
                "not json at all",
                "[1,2,3]",
                "{\"type\":",
                "{\"type\":\"view_submission\"}",
                "{\"type\":\"view_submission\",\"view\":\"a string\"}",
                "{\"type\":\"block_actions\",\"actions\":\"not a list\"}",
                "{\"type\":{\"nested\":true}}",
                "{\"type\":\"event_callback\"}",
                "{\"no\":\"type\"}")) {
            int audited = auditCount();

            HttpResponse<String> response = requests.send(payloadBody(payload));

            assertThat(response.statusCode()).as(payload).isEqualTo(400);
            assertClean(response.body());
            assertThat(newestAudit(audited)).as(payload).satisfies(entry -> assertThat(entry.outcome()).isEqualTo("malformed"));
        }
        assertNoSlotHeld();
    }

    @Test
    void nullUserOrActionIdsAreRefusedAndAudited()
            throws Exception
    {
        String noUser = "{\"type\":\"block_actions\",\"user\":{\"id\":null},\"team\":{\"id\":\"T0TEAM\"},\"actions\":[{\"type\":\"button\",\"action_id\":\"deckhand.run.cancel\",\"value\":\"x\"}]}";
        String noUserAtAll = "{\"type\":\"block_actions\",\"actions\":[{\"type\":\"button\",\"action_id\":\"deckhand.run.cancel\",\"value\":\"x\"}]}";
        String noActionId = "{\"type\":\"block_actions\",\"user\":{\"id\":\"U0NOACTION\"},\"actions\":[{\"type\":\"button\",\"value\":\"x\"}]}";
        String noActions = "{\"type\":\"block_actions\",\"user\":{\"id\":\"U0NOACTION\"}}";
        String formWithoutUser = "{\"type\":\"view_submission\",\"view\":{\"id\":\"V1\",\"type\":\"modal\",\"callback_id\":\"" + FORM + "\",\"private_metadata\":\"{}\"}}";
        String formWithoutCallback = "{\"type\":\"view_submission\",\"user\":{\"id\":\"U0NOCALLBACK\"},\"view\":{\"id\":\"V1\",\"type\":\"modal\"}}";

        for (String payload : List.of(noUser, noUserAtAll, noActionId)) {
            int audited = auditCount();
            HttpResponse<String> response = requests.send(payloadBody(payload));
            assertThat(response.statusCode()).as(payload).isEqualTo(400);
            assertClean(response.body());
            assertThat(newestAudit(audited).outcome()).isEqualTo("malformed");
        }
        HttpResponse<String> withoutActions = requests.send(payloadBody(noActions));
        assertThat(withoutActions.statusCode()).isEqualTo(400);
        assertClean(withoutActions.body());

        int audited = auditCount();
        HttpResponse<String> form = requests.send(payloadBody(formWithoutUser));
        // Bolt itself cannot read a form without a user; either way the answer is short and audited.
        assertThat(form.statusCode()).isIn(200, 400);
        assertClean(form.body());
        assertThat(newestAudit(audited).outcome()).isEqualTo("malformed");

        audited = auditCount();
        HttpResponse<String> noCallback = requests.send(payloadBody(formWithoutCallback));
        assertThat(noCallback.statusCode()).isIn(200, 400);
        assertClean(noCallback.body());
        assertThat(newestAudit(audited)).satisfies(entry -> {
            assertThat(entry.outcome()).isEqualTo("malformed");
            assertThat(entry.userId()).isEqualTo("U0NOCALLBACK");
        });
        assertNoSlotHeld();
    }

    @Test
    void aShortcutDeckhandDoesNotHandleIs400AndAudited()
            throws Exception
    {
        String global = "{\"type\":\"shortcut\",\"callback_id\":\"open_sesame\",\"trigger_id\":\"1.2.3\",\"user\":{\"id\":\"U0SHORTCUT\"},\"team\":{\"id\":\"T0TEAM\"}}";
        String message = "{\"type\":\"message_action\",\"callback_id\":\"" + "c".repeat(5000) + "\",\"trigger_id\":\"1.2.3\",\"user\":{\"id\":\"U0SHORTCUT\"},"
                + "\"channel\":{\"id\":\"C0RUN\"},\"message\":{\"ts\":\"1.2\",\"text\":\"hi\"}}";
        String suggestion = "{\"type\":\"block_suggestion\",\"action_id\":\"a\",\"user\":{\"id\":\"U0SHORTCUT\"},\"value\":\"x\"}";

        for (String payload : List.of(global, message, suggestion)) {
            int mark = logs.mark();
            int audited = auditCount();

            HttpResponse<String> response = requests.send(payloadBody(payload));

            assertThat(response.statusCode()).as(payload).isEqualTo(400);
            assertClean(response.body());
            assertThat(response.body()).hasSizeLessThan(300);
            assertThat(newestAudit(audited)).satisfies(entry -> {
                assertThat(entry.outcome()).isEqualTo("malformed");
                assertThat(entry.userId()).isEqualTo("U0SHORTCUT");
            });
            assertThat(logs.since(mark)).allSatisfy(event -> assertThat(TestingLogs.line(event)).hasSizeLessThan(300));
        }
    }

    @Test
    void oversizeBodiesAre413BeforeAnyWork()
            throws Exception
    {
        int audited = auditCount();
        int mark = logs.mark();
        String timestamp = now();

        // Only the headers are sent: the answer comes before any of the body.
        String declared = raw("POST /slack/events HTTP/1.1\r\nHost: deckhand\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "X-Slack-Request-Timestamp: " + timestamp + "\r\nX-Slack-Signature: v0=" + "0".repeat(64) + "\r\n"
                + "Content-Length: " + (10 * 1024 * 1024) + "\r\nConnection: close\r\n\r\n");
        String chunk = "command=%2Frun&text=" + "a".repeat(1024 * 1024);
        String chunked = raw("POST /slack/events HTTP/1.1\r\nHost: deckhand\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "X-Slack-Request-Timestamp: " + timestamp + "\r\nX-Slack-Signature: v0=" + "0".repeat(64) + "\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n0\r\n\r\n");
        String elsewhere = raw("POST /healthz HTTP/1.1\r\nHost: deckhand\r\nContent-Length: " + (2 * 1024 * 1024) + "\r\nConnection: close\r\n\r\n");

        assertThat(declared).startsWith("HTTP/1.1 413 ");
        assertThat(chunked).startsWith("HTTP/1.1 413 ");
        assertThat(elsewhere).startsWith("HTTP/1.1 413 ");
        for (String response : List.of(declared, chunked, elsewhere)) {
            assertClean(response);
            assertThat(response).hasSizeLessThan(1000);
        }
        assertThat(auditCount()).isEqualTo(audited);
        assertThat(logs.since(mark)).noneMatch(event -> TestingLogs.line(event).contains("aaaaaaaaaa"));
    }

    @Test
    void aFormWithoutItsRequiredValueRunsNothing()
            throws Exception
    {
        String metadata = metadata("pick", "C0RUN", "{}");
        int posts = slack.calls("chat.postMessage").size();
        int audited = auditCount();

        HttpResponse<String> empty = requests.send(form(metadata, "{\"count\":{\"value\":{\"type\":\"plain_text_input\",\"value\":null}}}", "U0FORM"));
        HttpResponse<String> omitted = requests.send(form(metadata, "{}", "U0FORM"));
        HttpResponse<String> noState = requests.send(payloadBody("{\"type\":\"view_submission\",\"user\":{\"id\":\"U0FORM\"},\"view\":{\"id\":\"V1\",\"type\":\"modal\","
                + "\"callback_id\":\"" + FORM + "\",\"private_metadata\":" + quoted(metadata) + "}}"));
        HttpResponse<String> bad = requests.send(form(metadata, "{\"count\":{\"value\":{\"type\":\"plain_text_input\",\"value\":\"many\"}}}", "U0FORM"));

        assertThat(empty.statusCode()).isEqualTo(200);
        assertThat(Json.decoded(empty.body())).contains("\"response_action\":\"errors\"").contains("\"count\":\"Required.\"");
        for (HttpResponse<String> response : List.of(omitted, noState)) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(Json.decoded(response.body())).contains("\"response_action\":\"update\"").contains("`pick` needs count").contains("nothing was run");
        }
        assertThat(Json.decoded(bad.body())).contains("\"response_action\":\"errors\"").contains("must be a whole number");
        for (HttpResponse<String> response : List.of(empty, omitted, noState, bad)) {
            assertClean(response.body());
        }
        assertThat(auditCount()).isEqualTo(audited + 4);
        assertThat(slack.calls("chat.postMessage")).hasSize(posts);
        assertNoSlotHeld();
    }

    @Test
    void damagedOrOutdatedMetadataIsAnsweredInTheForm()
            throws Exception
    {
        String value = "{\"count\":{\"value\":{\"type\":\"plain_text_input\",\"value\":\"3\"}}}";
        int posts = slack.calls("chat.postMessage").size();

        for (String metadata : List.of(
                "",
                "not json",
                "{\"script\":\"pick\"}",
                "{\"script\":\"pick\",\"channelId\":\"C0RUN\",\"channelName\":\"ops\",\"responseUrl\":\"\",\"values\":{\"count\":null}}",
                metadata("pick", "C" + "0".repeat(64), "{}"),
                metadata("pick", "C0RUN", "{\"removed\":\"1\"}"),
                "[\"pick\"]")) {
            int audited = auditCount();

            HttpResponse<String> response = requests.send(form(metadata, value, "U0DAMAGED"));

            assertThat(response.statusCode()).as(metadata).isEqualTo(200);
            assertThat(Json.decoded(response.body())).as(metadata).contains("\"response_action\":\"update\"").contains("damaged or out of date");
            assertClean(response.body());
            assertThat(newestAudit(audited).userId()).isEqualTo("U0DAMAGED");
        }
        assertThat(slack.calls("chat.postMessage")).hasSize(posts);
        assertNoSlotHeld();
    }

    @Test
    void aScriptNoLongerConfiguredIsAnsweredInTheForm()
            throws Exception
    {
        int audited = auditCount();

        HttpResponse<String> response = requests.send(form(metadata("retired", "C0RUN", "{}"),
                "{\"count\":{\"value\":{\"type\":\"plain_text_input\",\"value\":\"3\"}}}", "U0RETIRED"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Json.decoded(response.body())).contains("\"response_action\":\"update\"").contains("`retired` is no longer configured; nothing was run");
        assertClean(response.body());
        assertThat(newestAudit(audited).userId()).isEqualTo("U0RETIRED");
        assertNoSlotHeld();
    }

    @Test
    void overlongIdsAreRefusedAuditedAndLeakNoSlot()
            throws Exception
    {
        String overlongUser = requests.slashCommand("/run", "solo", LONG_ID);
        String overlongChannel = requests.slashCommand("/run", "solo", "U0SOLO").replace("channel_id=C0RUN", "channel_id=C" + "1".repeat(64));
        String overlongTeam = requests.slashCommand("/run", "solo", "U0SOLO").replace("team_id=T0TEAM", "team_id=T" + "2".repeat(64));
        String oddUser = requests.slashCommand("/run", "solo", "U0SOLO").replace("user_id=U0SOLO", "user_id=U0%3B+DROP");

        for (String body : List.of(overlongUser, overlongChannel, overlongTeam, oddUser)) {
            int audited = auditCount();

            HttpResponse<String> response = requests.send(body);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(Json.decoded(response.body())).contains("Nothing was done").contains("is not a Slack id");
            assertClean(response.body());
            AuditEntry entry = newestAudit(audited);
            assertThat(entry.outcome()).isEqualTo("malformed");
            assertThat(entry.detail()).contains("/run solo");
        }
        assertThat(deckhand.instance(AuditLog.class).recent(200)).anyMatch(entry -> entry.userId().startsWith(LONG_ID.substring(0, 60)));
        assertNoSlotHeld();

        // solo allows one run at a time: it runs for the next person, so no slot was taken and kept.
        assertThat(requests.send(requests.slashCommand("/run", "solo", "U0SOLO")).statusCode()).isEqualTo(200);
        await().untilAsserted(() -> assertThat(slack.decodedCalls("chat.update"))
                .anyMatch(call -> call.get("text").contains("<@U0SOLO> ran `solo`") && call.get("text").contains("exit 0")));
        assertNoSlotHeld();
    }

    @Test
    void repliesSayEachProblemOnceAndStayShort()
            throws Exception
    {
        String tooMany = requests.reply(requests.slashCommand("/run", "hello Kim; rm -rf /", "U0SHORT"));
        String repeated = requests.reply(requests.slashCommand("/run", "hello " + "name=Kim ".repeat(400), "U0SHORT"));
        String unknown = requests.reply(requests.slashCommand("/run", "hello " + IntStream.range(0, 300).mapToObj(i -> "p" + i + "=1").collect(Collectors.joining(" ")), "U0SHORT"));
        String longValue = requests.reply(requests.slashCommand("/run", "echo text=" + "é".repeat(3900), "U0SHORT"));
        String longText = requests.reply(requests.slashCommand("/run", "echo text=" + "a".repeat(300_000), "U0SHORT"));
        String noScript = requests.reply(requests.slashCommand("/run", "x".repeat(3000), "U0SHORT"));
        String c1 = requests.reply(requests.slashCommand("/run", "echo text=Kim\u0085reboot", "U0SHORT"));

        assertThat(tooMany).contains("hello takes 1 value (name); you gave 4").doesNotContain("one value too many");
        assertThat(occurrences(tooMany, "takes 1 value")).isEqualTo(1);
        assertThat(occurrences(repeated, "is given twice")).isEqualTo(1);
        assertThat(unknown).contains("more problems");
        assertThat(longText).contains("longer than 4000 characters");
        assertThat(c1).contains("`text` must not contain control characters");
        for (String reply : List.of(tooMany, repeated, unknown, longValue, longText, noScript, c1)) {
            assertThat(reply).hasSizeLessThan(2000);
            assertClean(reply);
        }
        assertNoSlotHeld();
    }

    @Test
    void traceAndUnknownMethodsAre405WithoutAnEcho()
            throws Exception
    {
        for (String path : List.of("/slack/events", "/healthz", "/nowhere")) {
            for (String method : List.of("TRACE", "FOO", "PUT", "DELETE")) {
                String response = raw(method + " " + path + " HTTP/1.1\r\nHost: deckhand\r\nX-Probe: ECHO-MARKER\r\nCookie: session=ECHO-MARKER\r\n"
                        + "Content-Length: 0\r\nConnection: close\r\n\r\n");

                assertThat(response).as(method + " " + path).startsWith("HTTP/1.1 405 ").containsIgnoringCase("Allow: GET, HEAD, POST");
                assertThat(response).doesNotContain("ECHO-MARKER").doesNotContain("message/http");
                assertClean(response);
            }
        }
    }

    @Test
    void errorPagesSayOnlyTheStatus()
            throws Exception
    {
        String notFound = raw("GET /nowhere/%2e%2e HTTP/1.1\r\nHost: deckhand\r\nConnection: close\r\n\r\n");
        String wrongMethod = raw("GET /slack/events HTTP/1.1\r\nHost: deckhand\r\nAccept: application/json\r\nConnection: close\r\n\r\n");
        String badUri = raw("GET /healthz%zz HTTP/1.1\r\nHost: deckhand\r\nConnection: close\r\n\r\n");
        String badHeader = raw("GET /healthz HTTP/1.1\r\nHost: deckhand\r\nBad Header\r\nConnection: close\r\n\r\n");

        assertThat(notFound).matches("(?s)HTTP/1.1 (400|404) .*");
        assertThat(wrongMethod).startsWith("HTTP/1.1 405 ");
        assertThat(badUri).startsWith("HTTP/1.1 400 ");
        assertThat(badHeader).startsWith("HTTP/1.1 400 ");
        for (String response : List.of(notFound, wrongMethod, badUri, badHeader)) {
            assertClean(response);
            assertThat(response).doesNotContainIgnoringCase("jetty").doesNotContain("<html");
        }
    }

    @Test
    void aStalledClientGets408()
            throws Exception
    {
        int audited = auditCount();
        long started = System.nanoTime();

        String stalled = raw("POST /slack/events HTTP/1.1\r\nHost: deckhand\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "X-Slack-Request-Timestamp: " + now() + "\r\nX-Slack-Signature: v0=" + "0".repeat(64) + "\r\n"
                + "Content-Length: 100\r\nConnection: close\r\n\r\ncommand=%2Frun");

        assertThat(stalled).startsWith("HTTP/1.1 408 ");
        assertClean(stalled);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(IDLE_TIMEOUT.minusMillis(100));
        assertThat(auditCount()).isEqualTo(audited);
        // Deckhand still answers.
        assertThat(requests.send(requests.slashCommand("/deckhand", "help", "U0AFTER")).statusCode()).isEqualTo(200);
    }

    /** Logged while a request was handled: on one of Jetty's threads. */
    private static boolean fromTheRequestPath(ILoggingEvent event)
    {
        return event.getThreadName().startsWith("deckhand-http");
    }

    /** Neither an exception's name nor a stack frame nor a Java package. */
    private static void assertClean(String body)
    {
        assertThat(body).doesNotContain("Exception").doesNotContain("java.").doesNotContain("\tat ")
                .doesNotContain("at dev.deckhand").doesNotContain("at com.").doesNotContain("at org.").doesNotContain("Caused by");
    }

    private String form(String metadata, String stateValues, String user)
    {
        return payloadBody("{\"type\":\"view_submission\",\"team\":{\"id\":\"T0TEAM\"},\"user\":{\"id\":\"" + user + "\"},\"api_app_id\":\"A0APP\","
                + "\"view\":{\"id\":\"V1\",\"type\":\"modal\",\"callback_id\":\"" + FORM + "\",\"private_metadata\":" + quoted(metadata)
                + ",\"state\":{\"values\":" + stateValues + "}}}");
    }

    private String metadata(String script, String channelId, String values)
    {
        return "{\"script\":\"" + script + "\",\"channelId\":\"" + channelId + "\",\"channelName\":\"ops\",\"responseUrl\":\""
                + slack.responseUrl("form") + "\",\"values\":" + values + "}";
    }

    private static String payloadBody(String payload)
    {
        return "payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8);
    }

    private static String quoted(String text)
    {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static int occurrences(String text, String part)
    {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    private static String now()
    {
        return Long.toString(Instant.now().getEpochSecond());
    }

    /** Sends {@code request} as it is on a fresh connection and returns all Deckhand answers before closing it. */
    private String raw(String request)
            throws IOException
    {
        try (Socket socket = new Socket("127.0.0.1", deckhand.port())) {
            socket.setSoTimeout(15_000);
            OutputStream output = socket.getOutputStream();
            output.write(request.getBytes(StandardCharsets.UTF_8));
            output.flush();
            InputStream input = socket.getInputStream();
            return new String(input.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private int auditCount()
    {
        return deckhand.instance(Jdbc.class).query("SELECT COUNT(*) AS n FROM audit_log", row -> row.getInt("n")).get(0);
    }

    /** The one entry written since there were {@code before}. */
    private AuditEntry newestAudit(int before)
    {
        assertThat(auditCount()).as("audit entries written").isEqualTo(before + 1);
        return deckhand.instance(AuditLog.class).recent(1).get(0);
    }

    /** Runs started by other tests end within moments; a slot leaked stays. */
    private void assertNoSlotHeld()
    {
        await().untilAsserted(() -> assertThat(slotsHeld()).as("script slots held").isZero());
    }

    private int slotsHeld()
    {
        return deckhand.instance(Jdbc.class).query("SELECT COUNT(*) AS n FROM run_slots", row -> row.getInt("n")).get(0);
    }
}
