package dev.deckhand.deploy;

import dev.deckhand.testing.Json;
import dev.deckhand.testing.SlackRequests;
import dev.deckhand.testing.TestingClock;
import dev.deckhand.testing.TestingDeckhand;
import dev.deckhand.testing.TestingDeploys;
import dev.deckhand.testing.TestingEcr;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What Confirm checks at the click, on an app whose clock the test moves: a plan older than ten minutes is
 * refused, and a tag that moved to another digest since the plan sends nothing and offers a plan of the new one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeployConfirmTest
{
    private static final String CONFIG = """
            timezone: UTC
            slack: { channel: "#ops" }
            services:
              - name: web
                environments:
                  staging: { targets: { "tag:Service": web }, channel: "#deploy" }
              - name: api
                environments:
                  staging: { targets: { "tag:Service": api }, channel: "#deploy" }
              - name: site
                environments:
                  staging: { targets: { "tag:Service": site }, channel: "#deploy" }
            """;

    @TempDir
    static Path directory;
    private final TestingClock clock = TestingClock.ticking();
    private TestingSlack slack;
    private TestingSsm ssm;
    private TestingEcr ecr;
    private TestingDeckhand deckhand;
    private SlackRequests requests;

    @BeforeAll
    void start()
            throws Exception
    {
        slack = new TestingSlack();
        ssm = new TestingSsm();
        ecr = new TestingEcr();
        ecr.createRepository("web");
        ecr.createRepository("api");
        ecr.createRepository("site");
        ssm.addInstances(2, "web", Map.of("Service", "web"));
        ssm.addInstances(2, "api", Map.of("Service", "api"));
        ssm.addInstances(2, "site", Map.of("Service", "site"));
        TestingDeckhand.prepare(directory, CONFIG, Map.of());
        deckhand = TestingDeckhand.overriding(directory, slack, TestingDeploys.environment(ssm, ecr),
                List.of(binder -> binder.bind(Clock.class).toInstance(clock)));
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
    void confirmAfterTenMinutesIsRefusedAndNothingIsSent()
            throws Exception
    {
        ecr.push("api", "v1", TestingEcr.digest("api-1"), Instant.parse("2026-12-01T10:00:00Z"));
        int sentBefore = ssm.sent().size();
        send(requests.slashCommand("/deploy", "api staging v1", "U0DEV"));
        String id = plan("api → staging: v1").get(0);

        clock.advance(Duration.ofMinutes(10).plusSeconds(5));
        send(requests.click(DeployViews.CONFIRM, id, "U0DEV"));

        await().untilAsserted(() -> assertThat(told()).anyMatch(body -> body.contains("This plan is older than 10 minutes, so it can no longer be confirmed")
                && body.contains("`/deploy api staging v1`")));
        await().untilAsserted(() -> assertThat(edits("api → staging: v1")).anyMatch(text -> text.contains("Not confirmed within 10 minutes; nothing was sent")));
        send(requests.click(DeployViews.CONFIRM, id, "U0DEV"));
        await().untilAsserted(() -> assertThat(told()).anyMatch(body -> body.contains("This deploy is already expired")));
        assertThat(ssm.sent()).as("nothing sent").hasSize(sentBefore);
        assertThat(ssm.calls("SendCommand")).isEqualTo(sentBefore);
    }

    @Test
    void aTagThatMovedSincePlanSendsNothingAndOffersTheNewDigest()
            throws Exception
    {
        String shown = TestingEcr.digest("web-first");
        String moved = TestingEcr.digest("web-second");
        ecr.push("web", "latest-build", shown, Instant.parse("2026-12-01T11:00:00Z"));
        int sentBefore = ssm.sent().size();
        send(requests.slashCommand("/deploy", "web staging latest-build", "U0DEV"));
        String id = plan("web → staging: latest-build").get(0);
        assertThat(posts("web → staging: latest-build").get(0).get("text")).contains(Deploy.shortDigest(shown));

        ecr.push("web", "latest-build", moved, Instant.parse("2026-12-01T11:05:00Z"));
        send(requests.click(DeployViews.CONFIRM, id, "U0DEV"));

        await().untilAsserted(() -> assertThat(told()).anyMatch(body -> body.contains("`latest-build` now points to another image (" + Deploy.shortDigest(moved)
                + ", not " + Deploy.shortDigest(shown) + "); this plan was not confirmed. A new plan is below.")));
        await().untilAsserted(() -> assertThat(edits("web → staging: latest-build")).anyMatch(text -> text.contains("Not sent: `latest-build` moved to another image")));
        await().until(() -> plan("web → staging: latest-build").size() == 2);
        assertThat(ssm.sent()).as("nothing sent for the plan that was shown").hasSize(sentBefore);
        Map<String, String> offered = posts("web → staging: latest-build").get(1);
        assertThat(offered.get("text")).contains(Deploy.shortDigest(moved));
        String again = plan("web → staging: latest-build").get(1);
        assertThat(again).isNotEqualTo(id);

        ssm.script((instance, poll) -> Optional.of(Step.of("Success", TestingDeploys.deployed(moved))));
        send(requests.click(DeployViews.CONFIRM, again, "U0DEV"));

        await().until(() -> ssm.sent().size() == sentBefore + 1);
        assertThat(TestingDeploys.digestOf(ssm.lastSent())).as("the new plan sends the digest the tag names now").isEqualTo(moved);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(edits("web → staging: latest-build")).anyMatch(text -> text.contains("Succeeded on 2 of 2")));
    }

    @Test
    void cancelWhileAConfirmedDeployIsOnItsWayToSsmSendsNothingAndFreesTheEnvironment()
            throws Exception
    {
        String digest = TestingEcr.digest("site-1");
        ecr.push("site", "s1", digest, Instant.parse("2026-12-01T12:00:00Z"));
        int sentBefore = ssm.calls("SendCommand");
        send(requests.slashCommand("/deploy", "site staging s1", "U0DEV"));
        String id = plan("site → staging: s1").get(0);
        int toldBefore = told().size();

        // Confirmed and checked; Deckhand is asking SSM for the hosts, just before SendCommand, when the Cancel comes.
        ssm.hold("DescribeInstanceInformation");
        try {
            send(requests.click(DeployViews.CONFIRM, id, "U0DEV"));
            await().until(() -> ssm.waiting("DescribeInstanceInformation") == 1);
            send(requests.click(DeployViews.CANCEL, id, "U0DEV"));
            await().untilAsserted(() -> assertThat(edits("site → staging: s1")).anyMatch(text -> text.contains("Cancelled by <@U0DEV>; nothing was sent to the hosts")));
        }
        finally {
            ssm.release("DescribeInstanceInformation");
        }

        await().untilAsserted(() -> assertThat(told().subList(toldBefore, told().size())).anyMatch(body -> body.contains("This deploy is already cancelled")));
        assertThat(ssm.calls("SendCommand")).as("nothing sent after Cancel").isEqualTo(sentBefore);
        ssm.script((instance, poll) -> Optional.of(Step.of("Success", TestingDeploys.deployed(digest))));
        send(requests.slashCommand("/deploy", "site staging s1", "U0DEV"));
        await().until(() -> plan("site → staging: s1").size() == 2);
        send(requests.click(DeployViews.CONFIRM, plan("site → staging: s1").get(1), "U0DEV"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(edits("site → staging: s1")).anyMatch(text -> text.contains("Succeeded on 2 of 2")));
        assertThat(ssm.calls("SendCommand")).as("the environment was freed for the next deploy").isEqualTo(sentBefore + 1);
    }

    /** Signed at the app's time, which the test moves: Deckhand refuses requests signed too far from its own clock. */
    private void send(String body)
            throws Exception
    {
        HttpResponse<String> response = requests.send(body, clock.instant(), Map.of());
        assertThat(response.statusCode()).isEqualTo(200);
    }

    /** What the clicker was told, through the click's response URL or as an ephemeral message. */
    private List<String> told()
    {
        List<String> bodies = new java.util.ArrayList<>(slack.bodies("/response/"));
        slack.calls("chat.postEphemeral").forEach(call -> bodies.add(Json.decoded(call.getOrDefault("text", ""))));
        return bodies;
    }

    /** The Confirm button values of the plans posted for {@code text}, oldest first. */
    private List<String> plan(String text)
    {
        await().until(() -> !posts(text).isEmpty());
        return posts(text).stream().map(call -> TestingDeploys.buttonValue(call.get("blocks"), DeployViews.CONFIRM)).flatMap(Optional::stream).toList();
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
