package dev.deckhand.deploy;

import dev.deckhand.testing.SlackRequests;
import dev.deckhand.testing.TestingDeckhand;
import dev.deckhand.testing.TestingDeploys;
import dev.deckhand.testing.TestingEcr;
import dev.deckhand.testing.TestingSlack;
import dev.deckhand.testing.TestingSsm.SentCommand;
import dev.deckhand.testing.TestingSsm.Step;
import dev.deckhand.testing.TestingSsm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code /deploy} from Slack's side: signed requests in, Web API calls and ECR and SSM calls out, all on the wire. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeployEndToEndTest
{
    private static final String CONFIG = """
            timezone: UTC
            slack: { channel: "#ops" }
            access:
              admins: [U0ADMIN]
              groups:
                deployers: { users: [U0DEP1, U0DEP2, U0DEP3] }
            services:
              - name: web
                healthcheck: "http://localhost:3000/health"
                environments:
                  staging: { targets: { "tag:Env": staging }, channel: "#deploy" }
                  prod: { targets: { "tag:Env": prod }, channel: "#deploy", allow: [deployers], approvals: 1, after: staging, maxConcurrency: "1", maxErrors: "1" }
                watch: { tags: "^sha-" }
              - name: api
                environments:
                  live: { targets: { "tag:Service": api }, channel: "#deploy" }
              - name: worker
                environments:
                  live: { targets: { "tag:Service": worker }, channel: "#deploy" }
              - name: site
                environments:
                  staging: { targets: { "tag:Service": site }, channel: "#deploy" }
              - name: ghost
                environments:
                  live: { targets: { "tag:Service": ghost }, channel: "#deploy" }
              - name: empty
                environments:
                  live: { targets: { "tag:Service": nobody }, channel: "#deploy" }
              - name: batch
                environments:
                  live: { targets: { "tag:Service": batch }, channel: "#deploy" }
              - name: pay
                environments:
                  prod: { targets: { "tag:Service": pay }, channel: "#deploy", allow: [deployers], approvals: 2 }
            """;

    @TempDir
    static Path directory;
    private TestingSlack slack;
    private TestingSsm ssm;
    private TestingEcr ecr;
    private TestingDeckhand deckhand;
    private SlackRequests requests;
    private List<String> apiHosts;
    private List<String> workerHosts;

    @BeforeAll
    void start()
            throws Exception
    {
        slack = new TestingSlack();
        ssm = new TestingSsm();
        ecr = new TestingEcr();
        for (String repository : List.of("web", "api", "worker", "site", "empty", "batch", "pay")) {
            ecr.createRepository(repository);
        }
        ssm.addInstances(3, "web-staging", Map.of("Env", "staging"));
        ssm.addInstances(2, "web-prod", Map.of("Env", "prod"));
        apiHosts = ssm.addInstances(3, "api", Map.of("Service", "api"));
        workerHosts = ssm.addInstances(2, "worker", Map.of("Service", "worker"));
        ssm.addInstances(3, "site", Map.of("Service", "site"));
        ssm.addInstances(2, "batch", Map.of("Service", "batch"));
        ssm.addInstances(2, "pay", Map.of("Service", "pay"));
        TestingDeckhand.prepare(directory, CONFIG, Map.of());
        deckhand = TestingDeckhand.replica(directory, slack, TestingDeploys.environment(ssm, ecr), List.of());
        requests = deckhand.requests();
    }

    @AfterAll
    void stop()
    {
        deckhand.close();
        ssm.close();
        ecr.close();
        slack.close();
    }

    @Test
    void confirmSendsOneCommandPinnedByDigestAndTheMessageFollowsTheHostsToASuccess()
            throws Exception
    {
        String digest = TestingEcr.digest("web-1");
        ecr.push("site", "sha-111", digest, Instant.parse("2026-12-01T10:00:00Z"));
        ssm.script((instance, poll) -> poll < 3 ? Optional.of(Step.of("In Progress", "")) : Optional.of(Step.of("Success", TestingDeploys.deployed(digest))));

        int sentBefore = ssm.sent().size();
        String reply = requests.reply(requests.slashCommand("/deploy", "site staging sha-111", "U0DEV"));
        String id = plan("site → staging: sha-111");

        assertThat(reply).contains("Planning `site` → `staging` `sha-111`").contains("#deploy");
        assertThat(post("site → staging: sha-111").get("channel")).isEqualTo("#deploy");
        assertThat(post("site → staging: sha-111").get("blocks")).contains("Hosts now: 3 (3 online, 0 offline)").contains("nothing deployed yet → `sha-111`");
        assertThat(ssm.sent()).as("nothing sent before Confirm").hasSize(sentBefore);

        requests.send(requests.click(DeployViews.CONFIRM, id, "U0DEV"));

        await().until(() -> ssm.sent().size() == sentBefore + 1);
        SentCommand sent = ssm.lastSent();
        assertThat(sent.documentName()).isEqualTo("Deckhand-Deploy");
        assertThat(sent.targets()).isEqualTo(Map.of("tag:Service", List.of("site")));
        assertThat(sent.parameters().get("image")).containsExactly(TestingEcr.REGISTRY + ".dkr.ecr.ap-northeast-2.amazonaws.com/site@" + digest);
        assertThat(sent.parameters().get("healthcheckUrl")).containsExactly("");
        assertThat(sent.maxConcurrency()).contains("50%");
        assertThat(sent.comment()).hasValueSatisfying(comment -> assertThat(comment).contains("site").contains("sha-111").contains("U0DEV"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(edits("site → staging: sha-111")).anyMatch(text -> text.contains("Succeeded on 3 of 3 hosts")));
        assertThat(edits("site → staging: sha-111")).anyMatch(text -> text.contains("Deploying since"));
        assertThat(requests.reply(requests.slashCommand("/deploy", "history site staging", "U0DEV")))
                .contains("`sha-111` (" + digest.substring(7, 19) + ") by <@U0DEV>: succeeded, 3/3 hosts");
        assertThat(requests.reply(requests.slashCommand("/deploy", "status site", "U0DEV"))).contains("`staging`: `sha-111`");
    }

    @Test
    void nothingIsSentAfterCancelNorForSomeoneNotAllowedNorWhileLockedNorBeforeApprovalsNorOutOfOrder()
            throws Exception
    {
        String digest = TestingEcr.digest("web-2");
        ecr.push("web", "sha-222", digest, Instant.parse("2026-12-01T11:00:00Z"));
        int sentBefore = ssm.sent().size();

        String refused = requests.reply(requests.slashCommand("/deploy", "web prod sha-222", "U0DEV"));
        assertThat(refused).contains("You can't deploy `web` to `prod`: you need to be in group 'deployers', or an admin");

        requests.send(requests.slashCommand("/deploy", "web prod sha-222", "U0DEP1"));
        String prodPlan = plan("web → prod: sha-222");
        requests.send(requests.click(DeployViews.CONFIRM, prodPlan, "U0DEP2"));
        await().untilAsserted(() -> assertThat(slack.bodies("/response/")).anyMatch(body -> body.contains("Only <@U0DEP1>, who asked for this deploy, or an admin can confirm it")));
        requests.send(requests.click(DeployViews.CONFIRM, prodPlan, "U0DEP1"));
        await().untilAsserted(() -> assertThat(slack.bodies("/response/")).anyMatch(body -> body.contains("`prod` deploys only what `staging` already runs")));

        String lock = requests.reply(requests.slashCommand("/deploy", "lock web staging release freeze", "U0ADMIN"));
        assertThat(lock).contains("locked by <@U0ADMIN>: release freeze");
        assertThat(requests.reply(requests.slashCommand("/deploy", "web staging sha-222", "U0DEV")))
                .contains("`web` in `staging` is locked by <@U0ADMIN>").contains("release freeze");
        assertThat(requests.reply(requests.slashCommand("/deploy", "unlock web staging", "U0ADMIN"))).contains("unlocked");

        requests.send(requests.slashCommand("/deploy", "web staging sha-222", "U0DEV"));
        String stagingPlan = plan("web → staging: sha-222");
        requests.send(requests.click(DeployViews.CANCEL, stagingPlan, "U0DEV"));
        await().untilAsserted(() -> assertThat(edits("web → staging: sha-222")).anyMatch(text -> text.contains("Cancelled by <@U0DEV>")));
        requests.send(requests.click(DeployViews.CONFIRM, stagingPlan, "U0DEV"));
        await().untilAsserted(() -> assertThat(slack.bodies("/response/")).anyMatch(body -> body.contains("This deploy is already cancelled")));

        assertThat(ssm.sent()).hasSize(sentBefore);
    }

    @Test
    void approvalsFromSomeoneElseAllowedSendIt()
            throws Exception
    {
        String digest = TestingEcr.digest("api-ok");
        // prod needs staging to run it first: put it there through the happy path's own machinery.
        ecr.push("web", "sha-333", digest, Instant.parse("2026-12-01T12:00:00Z"));
        ssm.script((instance, poll) -> Optional.of(Step.of("Success", TestingDeploys.deployed(digest))));
        requests.send(requests.slashCommand("/deploy", "web staging sha-333", "U0DEV"));
        requests.send(requests.click(DeployViews.CONFIRM, plan("web → staging: sha-333"), "U0DEV"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(edits("web → staging: sha-333")).anyMatch(text -> text.contains("Succeeded on 3 of 3")));
        int sentBefore = ssm.sent().size();

        requests.send(requests.slashCommand("/deploy", "web prod sha-333", "U0DEP1"));
        String id = plan("web → prod: sha-333");
        requests.send(requests.click(DeployViews.CONFIRM, id, "U0DEP1"));
        await().untilAsserted(() -> assertThat(edits("web → prod: sha-333")).anyMatch(text -> text.contains("Waiting for 1 more approval(s)")));
        requests.send(requests.click(DeployViews.APPROVE, id, "U0DEP1"));
        await().untilAsserted(() -> assertThat(slack.bodies("/response/")).anyMatch(body -> body.contains("your approval does not count")));
        assertThat(ssm.sent()).as("no approval yet").hasSize(sentBefore);

        requests.send(requests.click(DeployViews.APPROVE, id, "U0DEP2"));

        await().until(() -> ssm.sent().size() == sentBefore + 1);
        assertThat(ssm.lastSent().targets()).isEqualTo(Map.of("tag:Env", List.of("prod")));
        assertThat(ssm.lastSent().maxConcurrency()).contains("1");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(slack.decodedCalls("chat.update"))
                .anyMatch(call -> call.get("text").contains("web → prod") && call.get("text").contains("Succeeded on 2 of 2")));
    }

    @Test
    void twoHostsOfThreeFailingIsPartialNamesThemAndRollBackRedeploysTheLastGoodDigest()
            throws Exception
    {
        String good = TestingEcr.digest("api-good");
        String bad = TestingEcr.digest("api-bad");
        ecr.push("api", "v1", good, Instant.parse("2026-12-01T09:00:00Z"));
        ssm.script((instance, poll) -> Optional.of(Step.of("Success", TestingDeploys.deployed(good))));
        requests.send(requests.slashCommand("/deploy", "api live v1", "U0DEV"));
        String first = plan("api → live: v1");
        requests.send(requests.click(DeployViews.CONFIRM, first, "U0DEV"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(edits("api → live: v1")).anyMatch(text -> text.contains("Succeeded on 3 of 3")));

        ecr.push("api", "v2", bad, Instant.parse("2026-12-01T13:00:00Z"));
        ssm.script((instance, poll) -> Optional.of(instance.equals(apiHosts.get(0))
                ? Step.of("Success", TestingDeploys.deployed(bad))
                : Step.of("Failed", TestingDeploys.failed("unhealthy_rolled_back", bad))));
        requests.send(requests.slashCommand("/deploy", "api live v2", "U0DEV"));
        String failing = plan("api → live: v2");
        requests.send(requests.click(DeployViews.CONFIRM, failing, "U0DEV"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(edits("api → live: v2")).anyMatch(text -> text.contains("Partial")));
        String summary = edits("api → live: v2").stream().filter(text -> text.contains("Partial")).findFirst().orElseThrow();
        assertThat(summary).contains("Partial: 1 of 3 hosts took the new image").contains("not healthy in time; the old container is back")
                .contains("health check failed: 503").contains(DeployViews.ROLLBACK);

        ssm.script((instance, poll) -> Optional.of(Step.of("Success", TestingDeploys.deployed(good))));
        requests.send(requests.click(DeployViews.ROLLBACK, failing, "U0DEV"));
        String rollback = planAfter("api → live: v1", first);
        requests.send(requests.click(DeployViews.CONFIRM, rollback, "U0DEV"));

        await().until(() -> TestingDeploys.digestOf(ssm.lastSent()).equals(good) && ssm.lastSent().targets().containsKey("tag:Service"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(slack.decodedCalls("chat.update"))
                .anyMatch(call -> call.get("text").contains("api → live: v1") && call.get("text").contains("Succeeded") && call.getOrDefault("blocks", "").contains("stays locked")));
        assertThat(requests.reply(requests.slashCommand("/deploy", "api live v2", "U0DEV"))).contains("is locked since").contains("after a rollback");
    }

    @Test
    void anUndeliverableHostIsAFailureAndStopCancelsTheCommand()
            throws Exception
    {
        String digest = TestingEcr.digest("worker-1");
        ecr.push("worker", "w1", digest, Instant.parse("2026-12-01T14:00:00Z"));
        ssm.script((instance, poll) -> Optional.of(instance.equals(workerHosts.get(0)) ? Step.of("Undeliverable", "") : Step.of("In Progress", "")));
        requests.send(requests.slashCommand("/deploy", "worker live w1", "U0DEV"));
        String id = plan("worker → live: w1");
        requests.send(requests.click(DeployViews.CONFIRM, id, "U0DEV"));
        await().untilAsserted(() -> assertThat(edits("worker → live")).anyMatch(text -> text.contains("undeliverable")));

        requests.send(requests.click(DeployViews.STOP, id, "U0DEV"));

        await().until(() -> ssm.cancelled().contains(ssm.lastSent().commandId()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(edits("worker → live")).anyMatch(text -> text.contains("Stopped by <@U0DEV>")));
        String summary = edits("worker → live").stream().filter(text -> text.contains("Stopped by")).findFirst().orElseThrow();
        assertThat(summary).contains("0 of 2 hosts run the new image").contains("undeliverable").contains("cancelled");
    }

    @Test
    void anUnknownTagOrRepositoryIsSaidPlainlyAndNothingIsSent()
            throws Exception
    {
        int sentBefore = ssm.sent().size();

        requests.send(requests.slashCommand("/deploy", "web staging sha-nope", "U0DEV"));
        requests.send(requests.slashCommand("/deploy", "ghost live v1", "U0DEV"));

        await().untilAsserted(() -> assertThat(slack.bodies("/response/")).anyMatch(body -> body.contains("`web` has no image tagged `sha-nope`")));
        await().untilAsserted(() -> assertThat(slack.bodies("/response/")).anyMatch(body -> body.contains("AWS ECR refused ecr:DescribeImages (RepositoryNotFoundException)")
                && body.contains("Check the service's repository")));
        assertThat(requests.reply(requests.slashCommand("/deploy", "nope live", "U0DEV"))).contains("There is no service called `nope`");
        assertThat(ssm.sent()).hasSize(sentBefore);
    }

    @Test
    void aConfirmWithNoHostToReachSendsNothingAndFreesTheEnvironment()
            throws Exception
    {
        ecr.push("empty", "e1", TestingEcr.digest("empty-1"), Instant.parse("2026-12-01T15:00:00Z"));
        int sentBefore = ssm.sent().size();
        requests.send(requests.slashCommand("/deploy", "empty live e1", "U0DEV"));
        String id = plan("empty → live: e1");
        assertThat(post("empty → live: e1").get("blocks")).contains("Hosts now: none match the targets");

        requests.send(requests.click(DeployViews.CONFIRM, id, "U0DEV"));

        await().untilAsserted(() -> assertThat(edits("empty → live: e1")).anyMatch(text -> text.contains("Not started: no host matches the environment's targets now, so nothing was sent")));
        assertThat(ssm.sent()).hasSize(sentBefore);
        assertThat(requests.reply(requests.slashCommand("/deploy", "empty live e1", "U0DEV"))).as("the environment is free again").contains("Planning `empty` → `live` `e1`");
    }

    @Test
    void anAccessDeniedFromAwsNamesTheMissingActionAndAThrottleIsRetriedUnseen()
            throws Exception
    {
        String digest = TestingEcr.digest("batch-1");
        ecr.push("batch", "b1", digest, Instant.parse("2026-12-01T16:00:00Z"));
        ssm.denyAccess("SendCommand");
        String refused;
        try {
            requests.send(requests.slashCommand("/deploy", "batch live b1", "U0DEV"));
            refused = plan("batch → live: b1");
            requests.send(requests.click(DeployViews.CONFIRM, refused, "U0DEV"));

            await().untilAsserted(() -> assertThat(edits("batch → live: b1")).anyMatch(text -> text.contains("Not started: AWS SSM refused ssm:SendCommand (AccessDeniedException)")));
            await().untilAsserted(() -> assertThat(slack.bodies("/response/")).anyMatch(body -> body.contains("ssm:SendCommand")
                    && body.contains("Deckhand's IAM role lacks a permission")));
        }
        finally {
            ssm.allowAccess("SendCommand");
        }

        ssm.script((instance, poll) -> Optional.of(Step.of("Success", TestingDeploys.deployed(digest))));
        int throttledBefore = ssm.throttled();
        requests.send(requests.slashCommand("/deploy", "batch live b1", "U0DEV"));
        String id = planAfter("batch → live: b1", refused);
        ssm.throttle(2);
        requests.send(requests.click(DeployViews.CONFIRM, id, "U0DEV"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(edits("batch → live: b1")).anyMatch(text -> text.contains("Succeeded on 2 of 2")));
        assertThat(ssm.throttled()).isEqualTo(throttledBefore + 2);
        assertThat(slack.bodies("/response/")).noneMatch(body -> body.contains("ThrottlingException"));
        assertThat(slack.decodedCalls("chat.update")).noneMatch(call -> call.getOrDefault("blocks", "").contains("ThrottlingException"));
    }

    @Test
    void theApproversAccessIsCheckedNotTheRequesters()
            throws Exception
    {
        ecr.push("pay", "p1", TestingEcr.digest("pay-1"), Instant.parse("2026-12-01T17:00:00Z"));
        int sentBefore = ssm.sent().size();
        requests.send(requests.slashCommand("/deploy", "pay prod p1", "U0DEP1"));
        String id = plan("pay → prod: p1");
        requests.send(requests.click(DeployViews.CONFIRM, id, "U0ADMIN"));
        await().untilAsserted(() -> assertThat(edits("pay → prod: p1")).anyMatch(text -> text.contains("Waiting for 2 more approval(s)")));

        requests.send(requests.click(DeployViews.APPROVE, id, "U0DEV"));

        await().untilAsserted(() -> assertThat(slack.bodies("/response/")).anyMatch(body -> body.contains("You can't deploy `pay` to `prod`: you need to be in group 'deployers', or an admin")));
        assertThat(ssm.sent()).as("an approval from someone not allowed there does not count").hasSize(sentBefore);

        requests.send(requests.click(DeployViews.APPROVE, id, "U0DEP2"));
        await().untilAsserted(() -> assertThat(edits("pay → prod: p1")).anyMatch(text -> text.contains("Waiting for 1 more approval(s)")
                && text.contains("Confirmed by <@U0ADMIN>") && text.contains("<@U0DEP2>")));
        requests.send(requests.click(DeployViews.APPROVE, id, "U0DEP3"));

        await().until(() -> ssm.sent().size() == sentBefore + 1);
        assertThat(ssm.lastSent().targets()).isEqualTo(Map.of("tag:Service", List.of("pay")));
    }

    private String plan(String tag)
    {
        await().until(() -> buttons(tag).isPresent());
        return buttons(tag).orElseThrow();
    }

    /** The newest plan for {@code tag} other than {@code not}. */
    private String planAfter(String tag, String not)
    {
        await().until(() -> posts(tag).stream().map(call -> TestingDeploys.buttonValue(call.get("blocks"), DeployViews.CONFIRM))
                .flatMap(Optional::stream).anyMatch(id -> !id.equals(not)));
        List<String> ids = posts(tag).stream().map(call -> TestingDeploys.buttonValue(call.get("blocks"), DeployViews.CONFIRM)).flatMap(Optional::stream)
                .filter(id -> !id.equals(not)).toList();
        return ids.get(ids.size() - 1);
    }

    private Optional<String> buttons(String tag)
    {
        List<Map<String, String>> posts = posts(tag);
        return posts.isEmpty() ? Optional.empty() : TestingDeploys.buttonValue(posts.get(posts.size() - 1).get("blocks"), DeployViews.CONFIRM);
    }

    private List<Map<String, String>> posts(String tag)
    {
        return slack.decodedCalls("chat.postMessage").stream().filter(call -> call.getOrDefault("text", "").contains(tag + " (")).toList();
    }

    private Map<String, String> post(String tag)
    {
        return posts(tag).get(0);
    }

    private List<String> edits(String marker)
    {
        return slack.decodedCalls("chat.update").stream()
                .filter(call -> call.getOrDefault("text", "").contains(marker))
                .map(call -> call.get("text") + "\n" + call.get("blocks"))
                .toList();
    }
}
