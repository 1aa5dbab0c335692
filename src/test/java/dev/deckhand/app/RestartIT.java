package dev.deckhand.app;

import dev.deckhand.testing.SlackRequests;
import dev.deckhand.testing.TestingDeckhand;
import dev.deckhand.testing.TestingSlack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Messages queued while Slack is down survive a kill -9 and arrive once after the restart; a run cut off is marked interrupted. */
class RestartIT
{
    private static final Path JAR = Path.of("target", "deckhand.jar").toAbsolutePath();

    @TempDir
    Path directory;

    @Test
    void queuedMessagesSurviveKillNineAndArriveOnce()
            throws Exception
    {
        Path scripts = Files.createDirectories(directory.resolve("scripts"));
        TestingDeckhand.writeScript(scripts.resolve("hello.sh"), "#!/bin/sh\necho \"Hello, $1!\"\n");
        TestingDeckhand.writeScript(scripts.resolve("wait.sh"), "#!/bin/sh\nsleep 300\n");
        Files.writeString(directory.resolve("deckhand.yml"), """
                scripts:
                  dir: %s
                  list:
                    - { name: hello, command: [hello.sh, "{name}"], params: [{ name: name }], allow: [everyone], concurrency: 5 }
                    - { name: wait, command: [wait.sh], allow: [everyone] }
                """.formatted(scripts));
        try (TestingSlack slack = new TestingSlack()) {
            slack.stubStatus("chat.postMessage", 500);
            slack.stubStatus("chat.update", 503);
            int port = freePort();
            Process first = start(slack, port, "first");
            try {
                SlackRequests requests = new SlackRequests(port, "it-secret", slack);
                awaitHealthy(port);
                for (String name : List.of("Ann", "Bo", "Cy")) {
                    assertThat(requests.send(requests.slashCommand("/run", "hello name=" + name, "U0DEV")).statusCode()).isEqualTo(200);
                }
                assertThat(requests.send(requests.slashCommand("/run", "wait", "U0DEV")).statusCode()).isEqualTo(200);
                await().atMost(Duration.ofSeconds(30)).until(() -> slack.calls("chat.postMessage").size() >= 4);
            }
            finally {
                first.destroyForcibly().waitFor();
            }

            slack.forgetCalls();
            slack.stubOk("chat.postMessage", "{\"ok\":true,\"channel\":\"C0RUN\",\"ts\":\"1700000000.000100\"}");
            slack.stubOk("chat.update", "{\"ok\":true,\"channel\":\"C0RUN\",\"ts\":\"1700000000.000100\"}");
            Process second = start(slack, port, "second");
            try {
                await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                    assertThat(texts(slack, "chat.update")).anyMatch(text -> text.contains("ran `wait`") && text.contains("interrupted"));
                    for (String name : List.of("Ann", "Bo", "Cy")) {
                        assertThat(texts(slack, "chat.update")).anyMatch(text -> text.contains("ran `hello name=" + name + "`") && text.contains("exit 0"));
                    }
                });
                List<String> posts = texts(slack, "chat.postMessage");
                for (String run : List.of("hello name=Ann", "hello name=Bo", "hello name=Cy", "wait")) {
                    assertThat(posts).as("posts of " + run).filteredOn(text -> text.contains("ran `" + run + "`")).hasSize(1);
                }
            }
            finally {
                second.destroy();
                second.waitFor();
            }
        }
    }

    @Test
    void sigtermStopsRunningScriptsAndTheirMessagesSaySoBeforeDeckhandExits()
            throws Exception
    {
        Path scripts = Files.createDirectories(directory.resolve("scripts"));
        TestingDeckhand.writeScript(scripts.resolve("wait.sh"), "#!/bin/sh\nsleep 300\n");
        Files.writeString(directory.resolve("deckhand.yml"), """
                scripts:
                  dir: %s
                  list:
                    - { name: wait, command: [wait.sh], allow: [everyone] }
                """.formatted(scripts));
        try (TestingSlack slack = new TestingSlack()) {
            int port = freePort();
            Process process = start(slack, port, "only");
            try {
                SlackRequests requests = new SlackRequests(port, "it-secret", slack);
                awaitHealthy(port);
                assertThat(requests.send(requests.slashCommand("/run", "wait", "U0DEV")).statusCode()).isEqualTo(200);
                await().atMost(Duration.ofSeconds(30)).until(() -> slack.calls("chat.postMessage").size() >= 1);

                long stopping = System.nanoTime();
                process.destroy();
                assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stopped").isTrue();

                assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(15));
                assertThat(process.exitValue()).isEqualTo(143);
                assertThat(texts(slack, "chat.update")).as("delivered before exit")
                        .anyMatch(text -> text.contains("ran `wait`") && text.contains("because Deckhand was shutting down"));
            }
            finally {
                process.destroyForcibly().waitFor();
            }
        }
    }

    private static List<String> texts(TestingSlack slack, String method)
    {
        return slack.calls(method).stream().map(call -> call.getOrDefault("text", "")).toList();
    }

    private Process start(TestingSlack slack, int port, String name)
            throws IOException
    {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString(), "serve")
                .directory(directory.toFile())
                .redirectOutput(directory.resolve(name + "-stdout.txt").toFile())
                .redirectError(directory.resolve(name + "-stderr.txt").toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("SLACK_") || key.startsWith("DECKHAND_"));
        builder.environment().putAll(Map.of(
                "SLACK_SIGNING_SECRET", "it-secret",
                "SLACK_BOT_TOKEN", "xoxb-it-000000",
                "SLACK_API_URL", slack.apiUrl(),
                "DECKHAND_PORT", Integer.toString(port),
                "DECKHAND_CONFIG", directory.resolve("deckhand.yml").toString(),
                "DECKHAND_DB_URL", "jdbc:h2:file:" + directory.resolve("data").resolve("deckhand")));
        return builder.start();
    }

    private static void awaitHealthy(int port)
    {
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).build();
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> HttpClient.newHttpClient().send(health, HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
    }

    private static int freePort()
            throws IOException
    {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
