package dev.deckhand.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.deckhand.config.Environment;
import dev.deckhand.deploy.hooks.LoopbackSns;
import dev.deckhand.tasks.DurableTasks;
import dev.deckhand.testing.SlackRequests;
import dev.deckhand.testing.TestingDeckhand;
import dev.deckhand.testing.TestingDeploys;
import dev.deckhand.testing.TestingEcr;
import dev.deckhand.testing.TestingSlack;
import dev.deckhand.testing.TestingSns;
import dev.deckhand.testing.TestingSsm.Step;
import dev.deckhand.testing.TestingSsm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * New images from Slack's and AWS's side: {@code POST /hooks/ecr} signed by SNS or carrying the hooks
 * token, announced once in the service's channel with a Deploy button per environment, autoDeploy
 * asked by "ECR push", and polling that announces a new tag once across a restart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NewImagesEndToEndTest
{
    private static final String TOKEN = "ci-token-0123456789abcdef";
    private static final String TOPIC = "arn:aws:sns:ap-northeast-2:123456789012:deckhand-ecr";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONFIG = """
            timezone: UTC
            slack: { channel: "#ops" }
            access: { admins: [U0ADMIN] }
            hooks: { token: "%s", snsTopics: ["%s"] }
            services:
              - name: web
                environments:
                  staging: { targets: { "tag:Env": staging }, channel: "#deploy" }
                  prod: { targets: { "tag:Env": prod }, channel: "#deploy" }
                watch: { tags: "^sha-" }
              - name: shop
                environments:
                  staging: { targets: { "tag:Service": shop }, channel: "#shop" }
                watch: { tags: "^sha-", autoDeploy: staging }
            """.formatted(TOKEN, TOPIC);
    private static final String POLLING = """
            timezone: UTC
            slack: { channel: "#ops" }
            services:
              - name: site
                environments:
                  live: { targets: { "tag:Service": site }, channel: "#site" }
                watch: { tags: "^v", poll: 30s }
            """;

    @TempDir
    static Path directory;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private TestingSlack slack;
    private TestingSsm ssm;
    private TestingEcr ecr;
    private TestingSns sns;
    private TestingDeckhand deckhand;
    private SlackRequests requests;

    @BeforeAll
    void start()
            throws Exception
    {
        slack = new TestingSlack();
        ssm = new TestingSsm();
        ecr = new TestingEcr();
        sns = TestingSns.start(Files.createDirectories(directory.resolve("sns")));
        for (String repository : List.of("web", "shop", "site")) {
            ecr.createRepository(repository);
        }
        ssm.addInstances(2, "web-staging", Map.of("Env", "staging"));
        ssm.addInstances(2, "shop", Map.of("Service", "shop"));
        Path app = Files.createDirectories(directory.resolve("app"));
        TestingDeckhand.prepare(app, CONFIG, Map.of());
        deckhand = TestingDeckhand.overriding(app, slack, TestingDeploys.environment(ssm, ecr), List.of(LoopbackSns.trusting(sns)));
        requests = deckhand.requests();
    }

    @AfterAll
    void stop()
    {
        deckhand.close();
        sns.close();
        ssm.close();
        ecr.close();
        slack.close();
    }

    @Test
    void aSignedSnsNotificationIsAnnouncedOnceWithADeployButtonPerEnvironment()
            throws Exception
    {
        String digest = TestingEcr.digest("web-aaa");
        ecr.push("web", "sha-aaa", digest, Instant.parse("2026-12-01T10:00:00Z"));
        ObjectNode first = sns.signed(sns.notification(TOPIC, "sns-1", event("ev-1", "web", "sha-aaa", digest), now()), 1);

        assertThat(hook(first)).isEqualTo(202);

        await().until(() -> !announcements("web", "sha-aaa").isEmpty());
        Map<String, String> announcement = announcements("web", "sha-aaa").get(0);
        assertThat(announcement.get("channel")).isEqualTo("#deploy");
        assertThat(announcement.get("blocks")).contains("New image for *web*: `sha-aaa` (" + digest.substring(7, 19) + "), pushed 12-01 10:00.")
                .contains("Deploy to staging").contains("Deploy to prod");

        // SNS retrying, a second event for the same push signed the other way, an untagged platform manifest, and CI saying it too.
        assertThat(hook(first)).isEqualTo(202);
        assertThat(hook(sns.signed(sns.notification(TOPIC, "sns-2", event("ev-2", "web", "sha-aaa", digest), now()), 2))).isEqualTo(202);
        assertThat(hook(sns.signed(sns.notification(TOPIC, "sns-3", untagged("ev-3", "web", TestingEcr.digest("web-aaa-arm64")), now()), 2))).isEqualTo(202);
        assertThat(bearer(TOKEN, "{\"repository\":\"web\",\"tag\":\"sha-aaa\",\"digest\":\"" + digest + "\"}")).isEqualTo(202);
        fence("web", "sha-fence-1");

        assertThat(announcements("web", "sha-aaa")).hasSize(1);
        assertThat(slack.decodedCalls("chat.postMessage")).noneMatch(call -> call.getOrDefault("text", "").contains("web-aaa-arm64"));
    }

    @Test
    void theDeployButtonOfAnAnnouncementStartsTheConfirmFlow()
            throws Exception
    {
        String digest = TestingEcr.digest("web-bbb");
        ecr.push("web", "sha-bbb", digest, Instant.parse("2026-12-01T11:00:00Z"));
        int sentBefore = ssm.sent().size();
        assertThat(bearer(TOKEN, "{\"repository\":\"web\",\"tag\":\"sha-bbb\",\"digest\":\"" + digest + "\"}")).isEqualTo(202);
        await().until(() -> !announcements("web", "sha-bbb").isEmpty());
        String start = TestingDeploys.buttonValue(announcements("web", "sha-bbb").get(0).get("blocks"), DeployViews.START).orElseThrow();

        requests.send(requests.click(DeployViews.START, start, "U0DEV"));

        await().until(() -> plans("web → staging: sha-bbb (").size() == 1);
        assertThat(ssm.sent()).as("nothing sent before Confirm").hasSize(sentBefore);

        // The plan cancelled, the announcement's button still makes a new one.
        requests.send(requests.click(DeployViews.CANCEL, plans("web → staging: sha-bbb (").get(0), "U0DEV"));
        requests.send(requests.click(DeployViews.START, start, "U0DEV"));

        await().until(() -> plans("web → staging: sha-bbb (").size() == 2);
        assertThat(ssm.sent()).hasSize(sentBefore);
    }

    @Test
    void aForgedOrUnsignedCallIs401AndAnnouncesNothing()
            throws Exception
    {
        String digest = TestingEcr.digest("web-evil");
        ecr.push("web", "sha-evil", digest, Instant.parse("2026-12-01T12:00:00Z"));
        String event = event("ev-evil", "web", "sha-evil", digest);
        ObjectNode signed = sns.signed(sns.notification(TOPIC, "sns-evil", event("ev-x", "web", "sha-other", digest), now()), 2);

        List<Integer> answers = List.of(
                hook(sns.notification(TOPIC, "sns-u", event, now())),
                hook(signed.deepCopy().put("Message", event)),
                hook(sns.signed(sns.notification(TOPIC.replace("deckhand-ecr", "elsewhere"), "sns-t", event, now()), 2)),
                bearer(TOKEN + "x", "{\"repository\":\"web\",\"tag\":\"sha-evil\",\"digest\":\"" + digest + "\"}"),
                post("{\"repository\":\"web\",\"tag\":\"sha-evil\",\"digest\":\"" + digest + "\"}", Map.of()));
        fence("web", "sha-fence-2");

        assertThat(answers).containsOnly(401);
        assertThat(announcements("web", "sha-evil")).isEmpty();
    }

    @Test
    void autoDeployGoesToItsEnvironmentAtOnceAskedByEcrPush()
            throws Exception
    {
        String digest = TestingEcr.digest("shop-1");
        ecr.push("shop", "sha-s1", digest, Instant.parse("2026-12-01T13:00:00Z"));
        ssm.script((instance, poll) -> Optional.of(Step.of("Success", TestingDeploys.deployed(digest))));
        int sentBefore = ssm.sent().size();

        assertThat(bearer(TOKEN, "{\"repository\":\"shop\",\"tag\":\"sha-s1\",\"digest\":\"" + digest + "\"}")).isEqualTo(202);

        await().until(() -> !announcements("shop", "sha-s1").isEmpty());
        assertThat(announcements("shop", "sha-s1").get(0).get("blocks")).contains("It goes to `staging` now (autoDeploy)");
        await().until(() -> ssm.sent().size() == sentBefore + 1);
        assertThat(TestingDeploys.digestOf(ssm.lastSent())).isEqualTo(digest);
        assertThat(ssm.lastSent().targets()).isEqualTo(Map.of("tag:Service", List.of("shop")));
        assertThat(ssm.lastSent().comment()).hasValueSatisfying(comment -> assertThat(comment).contains("ECR push"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(slack.decodedCalls("chat.update"))
                .anyMatch(call -> call.get("text").contains("shop → staging: sha-s1") && call.get("text").contains("Succeeded on 2 of 2")
                        && call.getOrDefault("blocks", "").contains("Asked by ECR push")
                        && call.getOrDefault("blocks", "").contains("Deployed at once because `staging` takes new images automatically")));
        assertThat(requests.reply(requests.slashCommand("/deploy", "history shop staging", "U0DEV"))).contains("`sha-s1`").contains("by ECR push: succeeded, 2/2 hosts");
    }

    @Test
    void pollingAnnouncesANewTagOnceAcrossARestart()
            throws Exception
    {
        Path site = Files.createDirectories(directory.resolve("polling"));
        TestingDeckhand.prepare(site, POLLING, Map.of());
        Map<String, String> environment = new HashMap<>(TestingDeploys.environment(ssm, ecr));
        environment.put(Environment.DB_URL, "jdbc:h2:mem:polling-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");

        try (TestingDeckhand before = TestingDeckhand.replica(site, slack, environment, List.of())) {
            Instant started = Instant.now();
            assertThat(before.instance(DurableTasks.class).due(ImageWatch.WATCH, "site"))
                    .as("polled every 30s from the start").hasValueSatisfying(due -> assertThat(due).isBetween(started.minusSeconds(1), started.plusSeconds(31)));
            ImageWatch watch = before.instance(ImageWatch.class);
            // The first poll finds the repository empty, and the first image after it is still news.
            watch.poll("site");
            ecr.push("site", "v1", TestingEcr.digest("site-1"), Instant.parse("2026-12-01T14:00:00Z"));
            ecr.push("site", "build-7", TestingEcr.digest("site-b7"), Instant.parse("2026-12-01T14:01:00Z"));
            watch.poll("site");
            watch.poll("site");
            await().until(() -> !announcements("site", "v1").isEmpty());
        }
        ecr.push("site", "v2", TestingEcr.digest("site-2"), Instant.parse("2026-12-01T15:00:00Z"));
        try (TestingDeckhand after = TestingDeckhand.replica(site, slack, environment, List.of())) {
            ImageWatch watch = after.instance(ImageWatch.class);
            watch.poll("site");
            watch.poll("site");
            await().until(() -> !announcements("site", "v2").isEmpty());
        }

        assertThat(announcements("site", "v1")).hasSize(1);
        assertThat(announcements("site", "v2")).hasSize(1);
        assertThat(announcements("site", "v2").get(0).get("channel")).isEqualTo("#site");
        assertThat(announcements("site", "build-7")).as("not matched by watch.tags").isEmpty();
    }

    /** Pushes a tag by token and waits for its announcement: what the hook took before it has been handled by then. */
    private void fence(String repository, String tag)
            throws Exception
    {
        String digest = TestingEcr.digest(repository + tag);
        assertThat(bearer(TOKEN, "{\"repository\":\"" + repository + "\",\"tag\":\"" + tag + "\",\"digest\":\"" + digest + "\"}")).isEqualTo(202);
        await().until(() -> !announcements(repository, tag).isEmpty());
    }

    /** The Confirm values of the plans posted with {@code title}, oldest first. */
    private List<String> plans(String title)
    {
        return slack.decodedCalls("chat.postMessage").stream().filter(call -> call.getOrDefault("text", "").contains(title))
                .flatMap(call -> TestingDeploys.buttonValue(call.get("blocks"), DeployViews.CONFIRM).stream()).toList();
    }

    private List<Map<String, String>> announcements(String service, String tag)
    {
        return slack.decodedCalls("chat.postMessage").stream()
                .filter(call -> call.getOrDefault("text", "").startsWith("New image for " + service + ": " + tag + " (")).toList();
    }

    private static Instant now()
    {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /** An EventBridge "ECR Image Action" event as AWS documents it. */
    private static String event(String id, String repository, String tag, String digest)
    {
        return """
                {"version":"0","id":"%s","detail-type":"ECR Image Action","source":"aws.ecr","account":"123456789012",
                 "time":"2026-12-01T10:00:00Z","region":"ap-northeast-2","resources":[],
                 "detail":{"result":"SUCCESS","repository-name":"%s","image-digest":"%s","action-type":"PUSH","image-tag":"%s"}}
                """.formatted(id, repository, digest, tag);
    }

    private static String untagged(String id, String repository, String digest)
            throws IOException
    {
        ObjectNode event = JSON.readValue(event(id, repository, "unused", digest), ObjectNode.class);
        ((ObjectNode) event.get("detail")).remove("image-tag");
        return JSON.writeValueAsString(event);
    }

    private int hook(ObjectNode message)
            throws IOException, InterruptedException
    {
        return post(JSON.writeValueAsString(message), Map.of("x-amz-sns-message-type", message.get("Type").asText(), "Content-Type", "text/plain; charset=UTF-8"));
    }

    private int bearer(String token, String body)
            throws IOException, InterruptedException
    {
        return post(body, Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json"));
    }

    private int post(String body, Map<String, String> headers)
            throws IOException, InterruptedException
    {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + deckhand.port() + "/hooks/ecr"))
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        new ArrayList<>(headers.entrySet()).forEach(header -> request.header(header.getKey(), header.getValue()));
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).doesNotContain("Exception");
        return response.statusCode();
    }
}
