package dev.deckhand.slack;

import dev.deckhand.config.Environment;
import dev.deckhand.testing.TestingDeckhand;
import dev.deckhand.testing.TestingSlack;
import dev.deckhand.testing.TestingSocketMode;
import dev.deckhand.web.WebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Slack's requests over Socket Mode (SLACK_APP_TOKEN, no signing secret), against a loopback WebSocket server playing Slack. */
class SocketModeTest
{
    private static final String CONFIG = """
            scripts:
              dir: @DIR@
              list:
                - name: hello
                  command: [hello.sh]
                  allow: [everyone]
                - name: wait
                  command: [wait.sh]
                  timeout: 5m
                  allow: [everyone]
            """;

    @TempDir
    Path directory;
    private TestingSlack slack;
    private TestingSocketMode socket;
    private TestingDeckhand deckhand;

    @BeforeEach
    void start()
            throws Exception
    {
        slack = new TestingSlack();
        socket = new TestingSocketMode(slack);
        TestingDeckhand.prepare(directory, CONFIG, Map.of("hello.sh", "#!/bin/sh\necho \"Hello over the socket\"\n", "wait.sh", "#!/bin/sh\nsleep 120\n"));
        deckhand = TestingDeckhand.replica(directory, slack, Map.of(Environment.APP_TOKEN, "xapp-1-A0DECKHAND-test", Environment.SIGNING_SECRET, ""), List.of());
        await().until(socket::connected);
    }

    @AfterEach
    void stop()
            throws Exception
    {
        if (deckhand != null) {
            deckhand.close();
        }
        socket.close();
        slack.close();
    }

    @Test
    void aSlashCommandOverTheSocketIsAcknowledgedAndRunsOnce()
    {
        String envelope = slashCommand("env-1", 0);

        socket.send(envelope);

        await().untilAsserted(() -> assertThat(socket.received()).anyMatch(ack -> ack.contains("\"envelope_id\":\"env-1\"")));
        await().untilAsserted(() -> assertThat(slack.decodedCalls("chat.update"))
                .anyMatch(call -> call.getOrDefault("text", "").contains("ran `hello`") && call.get("text").contains("exit 0")));
        assertThat(slack.decodedCalls("chat.postMessage")).singleElement()
                .satisfies(call -> assertThat(call.get("channel")).isEqualTo("C0SOCK"));

        // Slack delivers an envelope again when it missed the ack: it is acknowledged, and nothing runs twice.
        socket.send(slashCommand("env-1", 1));
        await().untilAsserted(() -> assertThat(socket.received()).filteredOn(ack -> ack.contains("\"envelope_id\":\"env-1\"")).hasSize(2));
        assertThat(slack.decodedCalls("chat.postMessage")).hasSize(1);
    }

    @Test
    void aButtonClickedOverTheSocketActs()
    {
        socket.send(slashCommand("env-3", 0).replace("\"text\":\"hello\"", "\"text\":\"wait\""));
        await().untilAsserted(() -> assertThat(slack.decodedCalls("chat.postMessage")).hasSize(1));
        Matcher button = Pattern.compile("\"value\":\"([0-9a-f-]{36})\"").matcher(slack.decodedCalls("chat.postMessage").get(0).get("blocks"));
        assertThat(button.find()).as("a Cancel button").isTrue();

        socket.send("""
                {"envelope_id":"env-4","type":"interactive","accepts_response_payload":false,"retry_attempt":0,"retry_reason":"",
                 "payload":{"type":"block_actions","team":{"id":"T0TEAM"},"user":{"id":"U0DEV"},"api_app_id":"A0DECKHAND","trigger_id":"4.5.6",
                  "channel":{"id":"C0SOCK","name":"ops"},"container":{"type":"message","message_ts":"1700000000.000100","channel_id":"C0SOCK"},
                  "response_url":"https://hooks.slack.test/actions/1",
                  "actions":[{"type":"button","action_id":"deckhand.run.cancel","block_id":"b","value":"%s","action_ts":"1700000001.000000"}]}}
                """.formatted(button.group(1)));

        await().untilAsserted(() -> assertThat(socket.received()).anyMatch(ack -> ack.contains("\"envelope_id\":\"env-4\"")));
        await().untilAsserted(() -> assertThat(slack.decodedCalls("chat.update")).anyMatch(call -> call.getOrDefault("text", "").contains("cancelled by <@U0DEV>")));
    }

    @Test
    void anAppHomeOpenedEventOverTheSocketPublishesTheHomeTab()
    {
        socket.send(TestingSocketMode.event("env-5",
                "{\"type\":\"app_home_opened\",\"user\":\"U0SOCKHOME\",\"channel\":\"D0SOCK\",\"tab\":\"home\",\"event_ts\":\"1700000002.000100\"}"));

        await().untilAsserted(() -> assertThat(socket.received()).anyMatch(ack -> ack.contains("\"envelope_id\":\"env-5\"")));
        await().untilAsserted(() -> assertThat(slack.homeViews("U0SOCKHOME")).singleElement()
                .satisfies(view -> assertThat(view).contains("\"type\":\"home\"").contains("/deckhand help")));
    }

    @Test
    void aDroppedConnectionComesBackAndCommandsFlowAgain()
    {
        socket.dropAll();

        await().atMost(Duration.ofSeconds(30)).until(() -> socket.opened() >= 2 && socket.connected());
        socket.send(slashCommand("env-2", 0));
        await().untilAsserted(() -> assertThat(socket.received()).anyMatch(ack -> ack.contains("\"envelope_id\":\"env-2\"")));
        await().untilAsserted(() -> assertThat(slack.decodedCalls("chat.postMessage")).hasSize(1));
    }

    @Test
    void theRequestUrlTakesNothingWithoutASigningSecret()
            throws Exception
    {
        int port = deckhand.instance(WebServer.class).port();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slack/events"))
                .POST(HttpRequest.BodyPublishers.ofString("command=%2Frun&text=hello")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("Socket Mode");
        assertThat(slack.decodedCalls("chat.postMessage")).isEmpty();
    }

    private static String slashCommand(String envelopeId, int retry)
    {
        return TestingSocketMode.slashCommand(envelopeId, retry, "C0SOCK", "/run", "hello");
    }
}
