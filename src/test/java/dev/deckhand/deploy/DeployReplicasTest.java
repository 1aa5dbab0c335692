package dev.deckhand.deploy;

import dev.deckhand.testing.AwsJsonServer.Call;
import dev.deckhand.testing.SlackRequests;
import dev.deckhand.testing.TestingDeckhand;
import dev.deckhand.testing.TestingDeploys;
import dev.deckhand.testing.TestingEcr;
import dev.deckhand.testing.TestingPostgres;
import dev.deckhand.testing.TestingSlack;
import dev.deckhand.testing.TestingSsm;
import dev.deckhand.testing.TestingSsm.Step;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Two Deckhand replicas on one PostgreSQL: a deploy is sent and tracked by one of them, and two Confirms of one environment at once make one deploy. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeployReplicasTest
{
    private static final String CONFIG = """
            timezone: UTC
            slack: { channel: "#ops" }
            services:
              - name: web
                environments:
                  prod: { targets: { "tag:Service": web }, channel: "#deploy" }
              - name: api
                environments:
                  live: { targets: { "tag:Service": api }, channel: "#deploy" }
            """;

    @TempDir
    static Path directory;
    private TestingPostgres postgres;
    private TestingSlack slack;
    private TestingSsm ssm;
    private TestingEcr ecr;
    private TestingDeckhand first;
    private TestingDeckhand second;

    @BeforeAll
    void start()
            throws Exception
    {
        postgres = TestingPostgres.start();
        slack = new TestingSlack();
        ssm = new TestingSsm();
        ecr = new TestingEcr();
        ecr.createRepository("web");
        ecr.createRepository("api");
        ssm.addInstances(3, "web", Map.of("Service", "web"));
        ssm.addInstances(2, "api", Map.of("Service", "api"));
        TestingDeckhand.prepare(directory, CONFIG, Map.of());
        Map<String, String> environment = new HashMap<>(TestingDeploys.environment(ssm, ecr));
        environment.put("DECKHAND_DB_URL", postgres.createDatabase("deckhand"));
        first = TestingDeckhand.replica(directory, slack, environment, List.of());
        second = TestingDeckhand.replica(directory, slack, environment, List.of());
    }

    @AfterAll
    void stop()
    {
        second.close();
        first.close();
        ssm.close();
        ecr.close();
        slack.close();
        postgres.close();
    }

    @Test
    void aDeployIsSentOnceAndTrackedByOneReplica()
            throws Exception
    {
        String digest = TestingEcr.digest("web-1");
        ecr.push("web", "v1", digest, Instant.parse("2026-12-01T10:00:00Z"));
        ssm.script((instance, poll) -> Optional.of(poll < 6 ? Step.of("In Progress", "") : Step.of("Success", TestingDeploys.deployed(digest))));
        int sentBefore = ssm.calls("SendCommand");
        first.requests().send(first.requests().slashCommand("/deploy", "web prod v1", "U0DEV"));
        String id = plan("web → prod: v1");

        second.requests().send(second.requests().click(DeployViews.CONFIRM, id, "U0DEV"));

        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> assertThat(edits("web → prod: v1")).anyMatch(text -> text.contains("Succeeded on 3 of 3 hosts")));
        assertThat(ssm.calls("SendCommand") - sentBefore).as("SendCommand calls").isEqualTo(1);
        String commandId = ssm.lastSent().commandId();
        List<Instant> polls = ssm.received("ListCommandInvocations").stream()
                .filter(call -> call.body().path("CommandId").asText().equals(commandId) && !call.body().has("NextToken"))
                .map(Call::at)
                .toList();
        Map<Long, Long> pollsPerSecond = polls.stream().collect(Collectors.groupingBy(Instant::getEpochSecond, Collectors.counting()));
        assertThat(pollsPerSecond).as("polls of the command in each second").allSatisfy((second, count) -> assertThat(count).isEqualTo(1));
        assertThat(polls).as("one poll per host step, not one per replica").hasSize(ssm.polls(commandId)).hasSizeBetween(6, 7);
        assertThat(edits("web → prod: v1")).as("one summary").filteredOn(text -> text.contains("Succeeded on")).hasSize(1);
        assertThat(second.requests().reply(second.requests().slashCommand("/deploy", "history web prod", "U0DEV"))).contains("succeeded, 3/3 hosts");
    }

    @Test
    void twoConfirmsOfOneEnvironmentOnTwoReplicasAtOnceMakeOneDeploy()
            throws Exception
    {
        ecr.push("api", "v1", TestingEcr.digest("api-1"), Instant.parse("2026-12-01T11:00:00Z"));
        ecr.push("api", "v2", TestingEcr.digest("api-2"), Instant.parse("2026-12-01T11:01:00Z"));
        AtomicBoolean hostsDone = new AtomicBoolean();
        ssm.script((instance, poll) -> Optional.of(hostsDone.get() ? Step.of("Success", TestingDeploys.deployed(TestingDeploys.digestOf(ssm.lastSent())))
                : Step.of("In Progress", "")));
        first.requests().send(first.requests().slashCommand("/deploy", "api live v1", "U0ANN"));
        String ann = plan("api → live: v1");
        second.requests().send(second.requests().slashCommand("/deploy", "api live v2", "U0BOB"));
        String bob = plan("api → live: v2");
        int sentBefore = ssm.calls("SendCommand");
        int refusalsBefore = busy().size();

        CyclicBarrier together = new CyclicBarrier(2);
        CompletableFuture<HttpResponse<String>> annClicks = CompletableFuture.supplyAsync(() -> click(first.requests(), together, ann, "U0ANN"));
        CompletableFuture<HttpResponse<String>> bobClicks = CompletableFuture.supplyAsync(() -> click(second.requests(), together, bob, "U0BOB"));
        assertThat(annClicks.get().statusCode()).isEqualTo(200);
        assertThat(bobClicks.get().statusCode()).isEqualTo(200);

        await().until(() -> ssm.calls("SendCommand") > sentBefore);
        await().until(() -> busy().size() > refusalsBefore);
        boolean annWon = TestingDeploys.digestOf(ssm.lastSent()).equals(TestingEcr.digest("api-1"));
        String refusal = busy().get(busy().size() - 1);
        assertThat(refusal).as("the other person is told which deploy holds the environment")
                .contains("`api` in `live` is being deployed right now")
                .contains(annWon ? "`v1` by <@U0ANN>" : "`v2` by <@U0BOB>");
        hostsDone.set(true);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(edits(annWon ? "api → live: v1" : "api → live: v2"))
                .anyMatch(text -> text.contains("Succeeded on 2 of 2 hosts")));
        assertThat(ssm.calls("SendCommand") - sentBefore).as("SendCommand calls").isEqualTo(1);
        assertThat(busy()).hasSize(refusalsBefore + 1);
    }

    private static HttpResponse<String> click(SlackRequests requests, CyclicBarrier together, String id, String user)
    {
        try {
            String body = requests.click(DeployViews.CONFIRM, id, user);
            together.await();
            return requests.send(body);
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> busy()
    {
        return slack.bodies("/response/").stream().filter(body -> body.contains("is being deployed right now")).toList();
    }

    private String plan(String text)
    {
        Function<Map<String, String>, Optional<String>> confirm = call -> TestingDeploys.buttonValue(call.get("blocks"), DeployViews.CONFIRM);
        await().until(() -> posts(text).size() == 1);
        return confirm.apply(posts(text).get(0)).orElseThrow();
    }

    private List<Map<String, String>> posts(String text)
    {
        return slack.decodedCalls("chat.postMessage").stream().filter(call -> call.getOrDefault("text", "").contains(text + " (")).toList();
    }

    private List<String> edits(String marker)
    {
        return slack.decodedCalls("chat.update").stream()
                .filter(call -> call.getOrDefault("text", "").contains(marker))
                .map(call -> call.get("text") + "\n" + call.get("blocks"))
                .toList();
    }
}
