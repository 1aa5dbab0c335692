package dev.deckhand.app;

import dev.deckhand.testing.TestingSlack;
import dev.deckhand.testing.TestingSocketMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The built jar, started the way the README says, as a child process. */
class JarIT
{
    private static final Path JAR = Path.of("target", "deckhand.jar").toAbsolutePath();
    private static final Path PROJECT = Path.of("").toAbsolutePath();

    @TempDir
    Path directory;

    @Test
    void consoleRunsTheSampleHelloScript()
            throws Exception
    {
        Result result = run(List.of("console"), Map.of(), "/run\n/run hello name=Kim\n/run hello name=Kim;ls\n");

        assertThat(result.exitCode()).isEqualTo(0);
        assertThat(result.stdout())
                .contains("*hello* — Say hello")
                .contains("<@console> ran `hello name=Kim`")
                .contains("Hello, Kim!")
                .contains("exit 0 in")
                .contains("`name` must match");
    }

    @Test
    void checkConfigListsEveryProblemAndExits1()
            throws Exception
    {
        Path broken = Files.writeString(directory.resolve("broken.yml"), """
                timezone: Nowhere/City
                scripts:
                  list:
                    - { name: hello, command: [hello.sh], timeout: later, allow: [wizards], extra: 1 }
                """);

        Result result = run(List.of("check-config", broken.toString()), Map.of(), "");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stdout())
                .contains("has 4 problems")
                .contains("timezone:")
                .contains("scripts.list[0].timeout:")
                .contains("scripts.list[0].allow:")
                .contains("scripts.list[0].extra: unknown key");
    }

    @Test
    void serveWithoutASigningSecretSaysWhatToDo()
            throws Exception
    {
        Result result = run(List.of("serve"), Map.of(), "");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("SLACK_SIGNING_SECRET is not set").contains("java -jar target/deckhand.jar console");
    }

    @Test
    void serveInSocketModeWantsAnAppLevelToken()
            throws Exception
    {
        Result result = run(List.of("serve"), Map.of("SLACK_APP_TOKEN", "xoxb-a-bot-token"), "");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("SLACK_APP_TOKEN must be an app-level token starting with xapp-");
    }

    @Test
    void aBadPortIsOneLineNamingTheVariableAndExit2ForEveryCommand()
            throws Exception
    {
        for (List<String> command : List.of(List.of("serve"), List.of("console"), List.of("check-config"))) {
            Result result = run(command, Map.of("DECKHAND_PORT", "abc", "SLACK_SIGNING_SECRET", "it-secret"), "");

            assertThat(result.exitCode()).as("exit code of %s", command).isEqualTo(2);
            assertThat(result.stderr().strip()).as("stderr of %s", command)
                    .endsWith("DECKHAND_PORT: 'abc' is not a port (1–65535)")
                    .doesNotContain("Exception").doesNotContain("\tat ")
                    .hasLineCount(1);
        }
    }

    @Test
    void aMalformedDatabaseUrlAndOtherBadSettingsAreListedTogether()
            throws Exception
    {
        Result result = run(List.of("serve"), Map.of("SLACK_SIGNING_SECRET", "it-secret", "DECKHAND_DB_URL", "postgres://db:5432/deckhand?password=hunter2",
                "DECKHAND_OUTBOX_POST_INTERVAL_MS", "soon", "DECKHAND_BIND", "every-interface"), "");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr())
                .contains("the environment has 3 problems")
                .contains("DECKHAND_DB_URL: 'postgres://db:5432/deckhand' is not a JDBC URL Deckhand can use")
                .contains("DECKHAND_OUTBOX_POST_INTERVAL_MS: 'soon' is not a number of milliseconds")
                .contains("DECKHAND_BIND: 'every-interface' is not an address to listen on")
                .doesNotContain("hunter2").doesNotContain("Exception");
    }

    @Test
    void aPortInUseSaysWhichAndHowToChooseAnother()
            throws Exception
    {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0)) {
            Result result = run(List.of("serve"), Map.of("SLACK_SIGNING_SECRET", "it-secret", "DECKHAND_PORT", Integer.toString(taken.getLocalPort()),
                    "DECKHAND_DB_URL", "jdbc:h2:mem:port-in-use"), "");

            assertThat(result.exitCode()).isEqualTo(1);
            assertThat(result.stderr())
                    .contains("Deckhand did not start: cannot listen on port " + taken.getLocalPort() + ": it is already in use")
                    .contains("DECKHAND_PORT=")
                    .doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    void serveInSocketModeSaysWhySlackCannotBeReached()
            throws Exception
    {
        Result result = run(List.of("serve"), Map.of("SLACK_APP_TOKEN", "xapp-1-test", "SLACK_API_URL", "http://127.0.0.1:" + freePort() + "/api/",
                "DECKHAND_PORT", Integer.toString(freePort()), "DECKHAND_DB_URL", "jdbc:h2:mem:socket"), "");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).contains("Socket Mode could not connect to Slack");
    }

    @Test
    void serveInSocketModeTakesACommandFromTheSocketAndAnswersInTheChannel()
            throws Exception
    {
        try (TestingSlack slack = new TestingSlack(); TestingSocketMode socket = new TestingSocketMode(slack)) {
            Process process = start(List.of("serve"), Map.of("SLACK_APP_TOKEN", "xapp-1-A0DECKHAND-it", "SLACK_BOT_TOKEN", "xoxb-it",
                    "SLACK_API_URL", slack.apiUrl(), "DECKHAND_PORT", Integer.toString(freePort()), "DECKHAND_DB_URL", "jdbc:h2:mem:socket-it"));
            try {
                await().atMost(Duration.ofSeconds(60)).until(socket::connected);

                socket.send(TestingSocketMode.slashCommand("env-it", 0, "C0JAR", "/run", "hello name=Socket"));

                await().untilAsserted(() -> assertThat(socket.received()).anyMatch(ack -> ack.contains("\"envelope_id\":\"env-it\"")));
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(slack.decodedCalls("chat.update"))
                        .anyMatch(call -> "C0JAR".equals(call.get("channel")) && call.getOrDefault("blocks", "").contains("Hello, Socket!")));
                process.destroy();
                assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
            }
            finally {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void serveBecomesHealthyAndStopsCleanlyOnSigterm()
            throws Exception
    {
        int port = freePort();
        Process process = start(List.of("serve"), Map.of(
                "SLACK_SIGNING_SECRET", "it-secret",
                "DECKHAND_PORT", Integer.toString(port),
                "DECKHAND_DB_URL", "jdbc:h2:file:" + directory.resolve("db") + "/deckhand"));
        try {
            HttpClient client = HttpClient.newHttpClient();
            HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).build();
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> client.send(health, HttpResponse.BodyHandlers.ofString()).statusCode() == 200);

            process.destroy();

            assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
            String log = Files.readString(directory.resolve("stderr.txt"));
            assertThat(log).contains("listening on port " + port).doesNotContain("ERROR").doesNotContain("Exception");
        }
        finally {
            process.destroyForcibly();
        }
    }

    @Test
    void aSecondServerOnTheSameH2FileRefusesToStartAndSaysWhy()
            throws Exception
    {
        int port = freePort();
        String database = "jdbc:h2:file:" + directory.resolve("shared") + "/deckhand";
        Process first = start(List.of("serve"), Map.of("SLACK_SIGNING_SECRET", "it-secret", "DECKHAND_PORT", Integer.toString(port), "DECKHAND_DB_URL", database));
        try {
            HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).build();
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> HttpClient.newHttpClient().send(health, HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
            Path firstLog = Files.move(directory.resolve("stderr.txt"), directory.resolve("first-stderr.txt"));

            Result second = run(List.of("serve"), Map.of("SLACK_SIGNING_SECRET", "it-secret", "DECKHAND_PORT", Integer.toString(freePort()), "DECKHAND_DB_URL", database), "");

            assertThat(second.exitCode()).isEqualTo(1);
            assertThat(second.stderr()).contains("Deckhand did not start: could not open the store").contains("If another Deckhand is running from this folder");
            assertThat(firstLog).exists();
        }
        finally {
            first.destroyForcibly();
        }
    }

    private Result run(List<String> args, Map<String, String> environment, String input)
            throws Exception
    {
        Process process = start(args, environment);
        process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited").isTrue();
        return new Result(process.exitValue(), Files.readString(directory.resolve("stdout.txt")), Files.readString(directory.resolve("stderr.txt")));
    }

    private Process start(List<String> args, Map<String, String> environment)
            throws IOException
    {
        List<String> command = new java.util.ArrayList<>(List.of(javaBinary(), "-jar", JAR.toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(PROJECT.toFile())
                .redirectOutput(directory.resolve("stdout.txt").toFile())
                .redirectError(directory.resolve("stderr.txt").toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("SLACK_") || name.startsWith("DECKHAND_"));
        builder.environment().putAll(environment);
        return builder.start();
    }

    private static String javaBinary()
    {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort()
            throws IOException
    {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private record Result(int exitCode, String stdout, String stderr) {}
}
