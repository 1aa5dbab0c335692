package dev.deckhand.deploy;

import dev.deckhand.testing.AwsJsonServer.Call;
import dev.deckhand.testing.SlackRequests;
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

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A deploy to 200 hosts: each poll costs SSM the same few paged calls, never one per host, and the one message is edited at most once a second. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeployAtScaleTest
{
    private static final int HOSTS = 200;
    /** What Deckhand asks ListCommandInvocations for in one page, and SSM's own maximum. */
    private static final int PAGE_SIZE = 50;
    private static final String CONFIG = """
            timezone: UTC
            slack: { channel: "#ops" }
            services:
              - name: fleet
                environments:
                  prod: { targets: { "tag:Service": fleet }, channel: "#deploy", maxConcurrency: "25%", maxErrors: "10%" }
            """;

    @TempDir
    static Path directory;
    private TestingSlack slack;
    private TestingSsm ssm;
    private TestingEcr ecr;
    private TestingDeckhand deckhand;
    private SlackRequests requests;
    private List<String> hosts;

    @BeforeAll
    void start()
            throws Exception
    {
        slack = new TestingSlack();
        ssm = new TestingSsm();
        ecr = new TestingEcr();
        ecr.createRepository("fleet");
        hosts = ssm.addInstances(HOSTS, "fleet", Map.of("Service", "fleet"));
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
    void twoHundredHostsCostTheSamePagesEveryPollAndOneEditASecond()
            throws Exception
    {
        String digest = TestingEcr.digest("fleet-1");
        ecr.push("fleet", "v200", digest, Instant.parse("2026-12-01T10:00:00Z"));
        Map<String, Integer> finishesAt = new HashMap<>();
        for (int i = 0; i < hosts.size(); i++) {
            // A fifth of the fleet finishes at each of polls 3 to 7; until then a host is in progress.
            finishesAt.put(hosts.get(i), 3 + i % 5);
        }
        ssm.script((instance, poll) -> poll < finishesAt.get(instance)
                ? Optional.of(Step.of("In Progress", ""))
                : Optional.of(Step.of("Success", TestingDeploys.deployed(digest))));
        requests.send(requests.slashCommand("/deploy", "fleet prod v200", "U0DEV"));
        String id = plan("fleet → prod: v200");
        int describesBefore = ssm.calls("DescribeInstanceInformation");

        requests.send(requests.click(DeployViews.CONFIRM, id, "U0DEV"));

        await().until(() -> ssm.sent().size() == 1);
        String commandId = ssm.lastSent().commandId();
        assertThat(ssm.lastSent().matched()).hasSize(HOSTS);
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> assertThat(edits()).anyMatch(call -> call.param("text").contains("Succeeded on 200 of 200 hosts")));

        List<List<Call>> polls = polls(commandId);
        int pages = (HOSTS + PAGE_SIZE - 1) / PAGE_SIZE;
        assertThat(polls).as("hosts finish over several polls").hasSizeGreaterThanOrEqualTo(7);
        assertThat(polls).as("pages per poll").allSatisfy(poll -> assertThat(poll).hasSize(pages));
        assertThat(ssm.calls("GetCommandInvocation")).as("never one call per host").isZero();
        assertThat(ssm.calls("DescribeInstanceInformation") - describesBefore).as("the hosts are listed once, when it is sent, not at each poll").isEqualTo(pages);

        List<TestingSlack.Call> edits = edits();
        List<Duration> gaps = new ArrayList<>();
        for (int i = 1; i < edits.size(); i++) {
            gaps.add(Duration.between(edits.get(i - 1).at(), edits.get(i).at()));
        }
        assertThat(edits).as("progress edits, then the summary").hasSizeGreaterThanOrEqualTo(2);
        assertThat(gaps).as("edits of the message at most once a second").allSatisfy(gap -> assertThat(gap).isGreaterThanOrEqualTo(Duration.ofSeconds(1)));
        List<TestingSlack.Call> summaries = edits.stream().filter(call -> call.param("text").contains("Succeeded on")).toList();
        assertThat(summaries).as("one summary").hasSize(1);
        assertThat(summaries.get(0).param("text") + summaries.get(0).param("blocks")).contains("Succeeded on 200 of 200 hosts");
        assertThat(requests.reply(requests.slashCommand("/deploy", "history fleet prod", "U0DEV"))).contains("succeeded, 200/200 hosts");

        Instant lastHostFinished = polls.stream().filter(poll -> !poll.isEmpty()).map(poll -> poll.get(0).at())
                .filter(at -> !at.isAfter(summaries.get(0).at())).reduce((first, second) -> second).orElseThrow();
        assertThat(Duration.between(lastHostFinished, summaries.get(0).at())).as("from the poll that saw the last host finish to the summary edit")
                .isLessThanOrEqualTo(Duration.ofSeconds(3));
        Duration span = Duration.between(edits.get(0).at(), edits.get(edits.size() - 1).at());
        System.out.printf("deploy at scale: %d hosts, %d polls, ListCommandInvocations per poll %s, %d edits in %s (%.1f per minute), shortest gap %s, "
                        + "from the poll that saw the last host finish to the summary edit %s%n",
                HOSTS, polls.size(), polls.stream().map(List::size).distinct().toList(), edits.size(), span,
                edits.size() * 60_000.0 / Math.max(1, span.toMillis()), gaps.stream().min(Duration::compareTo).orElse(Duration.ZERO),
                Duration.between(lastHostFinished, summaries.get(0).at()));
    }

    /** The command's ListCommandInvocations calls, by poll: a poll starts with a call without a NextToken and goes on through its pages. */
    private List<List<Call>> polls(String commandId)
    {
        List<List<Call>> polls = new ArrayList<>();
        for (Call call : ssm.received("ListCommandInvocations")) {
            if (!call.body().path("CommandId").asText().equals(commandId)) {
                continue;
            }
            if (!call.body().has("NextToken") || polls.isEmpty()) {
                polls.add(new ArrayList<>());
            }
            polls.get(polls.size() - 1).add(call);
        }
        return polls;
    }

    private String plan(String text)
    {
        await().until(() -> posts(text).size() == 1);
        return TestingDeploys.buttonValue(posts(text).get(0).get("blocks"), DeployViews.CONFIRM).orElseThrow();
    }

    private List<Map<String, String>> posts(String text)
    {
        return slack.decodedCalls("chat.postMessage").stream().filter(call -> call.getOrDefault("text", "").contains(text + " (")).toList();
    }

    private List<TestingSlack.Call> edits()
    {
        return slack.timedCalls("chat.update").stream().filter(call -> call.param("text").contains("fleet → prod: v200")).toList();
    }
}
