package dev.deckhand.deploy;

import dev.deckhand.aws.AwsSettings;
import dev.deckhand.testing.SlackRequests;
import dev.deckhand.testing.TestingAws;
import dev.deckhand.testing.TestingDeploys;
import dev.deckhand.testing.TestingEcr;
import dev.deckhand.testing.TestingSlack;
import dev.deckhand.testing.TestingSsm;
import dev.deckhand.testing.TestingSsm.Step;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A deploy survives {@code kill -9}: the built jar, on a file H2 database, with SSM and ECR faked in this JVM, is killed while
 * the hosts are in progress; started again, it resumes tracking from the store and posts the final summary once.
 */
class DeployRestartIT
{
    private static final Path JAR = Path.of("target", "deckhand.jar").toAbsolutePath();
    private static final String SUMMARY = "Succeeded on 3 of 3 hosts";

    @TempDir
    Path directory;

    @Test
    void aDeployKilledWhileHostsAreInProgressIsTrackedToItsEndAfterTheRestartAndSummarisedOnce()
            throws Exception
    {
        writeConfig();
        String digest = TestingEcr.digest("web-restart");
        try (TestingSlack slack = new TestingSlack(); TestingSsm ssm = new TestingSsm(); TestingEcr ecr = new TestingEcr()) {
            ecr.push("web", "v7", digest, Instant.parse("2026-12-01T10:00:00Z"));
            ssm.addInstances(3, "web", Map.of("Service", "web"));
            ssm.script((instance, poll) -> Optional.of(Step.of("In Progress", "")));
            int port = freePort();
            SlackRequests requests = new SlackRequests(port, "it-secret", slack);
            String commandId;
            int pollsBeforeKill;
            Process first = start(slack, ssm, ecr, port, "first");
            try {
                awaitHealthy(port);
                requests.send(requests.slashCommand("/deploy", "web prod v7", "U0DEV"));
                await().atMost(Duration.ofSeconds(30)).until(() -> plan(slack, "v7").isPresent());
                requests.send(requests.click(DeployViews.CONFIRM, plan(slack, "v7").orElseThrow(), "U0DEV"));
                await().atMost(Duration.ofSeconds(30)).until(() -> ssm.sent().size() == 1);
                commandId = ssm.lastSent().commandId();
                await().atMost(Duration.ofSeconds(30)).until(() -> ssm.polls(commandId) >= 2
                        && edits(slack, "v7").stream().anyMatch(text -> text.contains("Deploying since") && text.contains("in progress")));
            }
            finally {
                first.destroyForcibly().waitFor();
            }
            pollsBeforeKill = ssm.polls(commandId);
            assertThat(ssm.statuses(commandId).values()).as("killed mid-deploy").containsOnly("In Progress");
            assertThat(edits(slack, "v7")).noneMatch(text -> text.contains(SUMMARY));

            ssm.script(TestingSsm.Progression.NONE);
            ssm.progressAll(commandId, "Success", TestingDeploys.deployed(digest));
            Process second = start(slack, ssm, ecr, port, "second");
            try {
                await().atMost(Duration.ofSeconds(90)).until(() -> edits(slack, "v7").stream().anyMatch(text -> text.contains(SUMMARY)));
                await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> edits(slack, "v7").stream().filter(text -> text.contains(SUMMARY)).count() == 1);

                assertThat(ssm.polls(commandId)).as("tracking resumed after the restart").isGreaterThan(pollsBeforeKill);
                assertThat(ssm.sent()).as("not sent again").hasSize(1);
                assertThat(requests.reply(requests.slashCommand("/deploy", "history web prod", "U0DEV")))
                        .contains("`v7` (" + Deploy.shortDigest(digest) + ") by <@U0DEV>: succeeded, 3/3 hosts");
            }
            finally {
                second.destroy();
                second.waitFor();
            }
        }
    }

    @Test
    void aDeployConfirmedButKilledBeforeItWasSentDoesNotHoldItsEnvironmentAfterTheRestart()
            throws Exception
    {
        writeConfig();
        String digest = TestingEcr.digest("web-next");
        try (TestingSlack slack = new TestingSlack(); TestingSsm ssm = new TestingSsm(); TestingEcr ecr = new TestingEcr()) {
            ecr.push("web", "v7", TestingEcr.digest("web-never"), Instant.parse("2026-12-01T10:00:00Z"));
            ecr.push("web", "v8", digest, Instant.parse("2026-12-01T10:10:00Z"));
            ssm.addInstances(3, "web", Map.of("Service", "web"));
            ssm.script((instance, poll) -> Optional.of(Step.of("Success", TestingDeploys.deployed(digest))));
            int port = freePort();
            SlackRequests requests = new SlackRequests(port, "it-secret", slack);
            Process first = start(slack, ssm, ecr, port, "first");
            try {
                awaitHealthy(port);
                requests.send(requests.slashCommand("/deploy", "web prod v7", "U0DEV"));
                await().atMost(Duration.ofSeconds(30)).until(() -> plan(slack, "v7").isPresent());
                // Confirmed, the tag checked, and Deckhand is asking SSM for the hosts, just before SendCommand, when it dies.
                ssm.hold("DescribeInstanceInformation");
                requests.send(requests.click(DeployViews.CONFIRM, plan(slack, "v7").orElseThrow(), "U0DEV"));
                await().atMost(Duration.ofSeconds(30)).until(() -> ssm.waiting("DescribeInstanceInformation") == 1);
            }
            finally {
                first.destroyForcibly().waitFor();
                ssm.release("DescribeInstanceInformation");
            }
            assertThat(ssm.sent()).as("killed before anything was sent").isEmpty();

            Process second = start(slack, ssm, ecr, port, "second");
            try {
                awaitHealthy(port);
                assertThat(requests.reply(requests.slashCommand("/deploy", "web prod v8", "U0DEV"))).as("the environment is free")
                        .contains("Planning `web` → `prod` `v8`").doesNotContain("being deployed right now");
                await().atMost(Duration.ofSeconds(30)).until(() -> plan(slack, "v8").isPresent());
                requests.send(requests.click(DeployViews.CONFIRM, plan(slack, "v8").orElseThrow(), "U0DEV"));

                await().atMost(Duration.ofSeconds(30)).until(() -> edits(slack, "v8").stream().anyMatch(text -> text.contains(SUMMARY)));
                assertThat(ssm.sent()).hasSize(1);
                assertThat(TestingDeploys.digestOf(ssm.lastSent())).isEqualTo(digest);
            }
            finally {
                second.destroy();
                second.waitFor();
            }
        }
    }

    private void writeConfig()
            throws IOException
    {
        Files.writeString(directory.resolve("deckhand.yml"), """
                timezone: UTC
                slack: { channel: "#ops" }
                services:
                  - name: web
                    environments:
                      prod: { targets: { "tag:Service": web }, channel: "#deploy" }
                """);
    }

    private static Optional<String> plan(TestingSlack slack, String tag)
    {
        return slack.decodedCalls("chat.postMessage").stream().filter(call -> call.getOrDefault("text", "").contains("web → prod: " + tag + " ("))
                .map(call -> TestingDeploys.buttonValue(call.get("blocks"), DeployViews.CONFIRM)).flatMap(Optional::stream).findFirst();
    }

    private static List<String> edits(TestingSlack slack, String tag)
    {
        return slack.decodedCalls("chat.update").stream().filter(call -> call.getOrDefault("text", "").contains("web → prod: " + tag))
                .map(call -> call.get("text") + "\n" + call.getOrDefault("blocks", "")).toList();
    }

    private Process start(TestingSlack slack, TestingSsm ssm, TestingEcr ecr, int port, String name)
            throws IOException
    {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString(), "serve")
                .directory(directory.toFile())
                .redirectOutput(directory.resolve(name + "-stdout.txt").toFile())
                .redirectError(directory.resolve(name + "-stderr.txt").toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("SLACK_") || key.startsWith("DECKHAND_") || key.startsWith("AWS_"));
        Map<String, String> environment = new HashMap<>(Map.of(
                "SLACK_SIGNING_SECRET", "it-secret",
                "SLACK_BOT_TOKEN", "xoxb-it-000000",
                "SLACK_API_URL", slack.apiUrl(),
                "DECKHAND_PORT", Integer.toString(port),
                "DECKHAND_CONFIG", directory.resolve("deckhand.yml").toString(),
                "DECKHAND_DB_URL", "jdbc:h2:file:" + directory.resolve("data").resolve("deckhand")));
        environment.put(AwsSettings.REGION, TestingAws.REGION);
        environment.put(AwsSettings.SSM_ENDPOINT, ssm.endpoint().toString());
        environment.put(AwsSettings.ECR_ENDPOINT, ecr.endpoint().toString());
        // Fake keys: the child signs for the loopback fakes and never looks for real credentials.
        environment.put("AWS_ACCESS_KEY_ID", "AKIDTESTINGDECKHAND0");
        environment.put("AWS_SECRET_ACCESS_KEY", "testing-secret-key-not-a-real-one");
        builder.environment().putAll(environment);
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
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
