package dev.deckhand.deploy;

import dev.deckhand.testing.SlackRequests;
import dev.deckhand.testing.TestingDeckhand;
import dev.deckhand.testing.TestingDeploys;
import dev.deckhand.testing.TestingEcr;
import dev.deckhand.testing.TestingSlack;
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

/** {@code /deploy} with {@code locale: ko}: the plan, its buttons, the progress, the partial summary and the replies, in Korean. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeployKoreanTest
{
    private static final String CONFIG = """
            timezone: Asia/Seoul
            locale: ko
            slack: { channel: "#ops" }
            services:
              - name: web
                environments:
                  prod: { targets: { "tag:Env": prod }, channel: "#deploy" }
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
        ecr.createRepository("web");
        hosts = ssm.addInstances(2, "web-prod", Map.of("Env", "prod"));
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
    void aDeployIsPlannedFollowedAndSummedUpInKorean()
            throws Exception
    {
        String digest = TestingEcr.digest("web-ko");
        ecr.push("web", "v1", digest, Instant.parse("2026-12-01T01:00:00Z"));
        ssm.script((instance, poll) -> Optional.of(instance.equals(hosts.get(0))
                ? Step.of("Success", TestingDeploys.deployed(digest))
                : Step.of("Failed", TestingDeploys.failed("unhealthy_rolled_back", digest))));

        String reply = requests.reply(requests.slashCommand("/deploy", "web prod v1", "U0DEV"));

        assertThat(reply).contains("`web` → `prod` `v1` 배포 계획을 세우고 있어요");
        await().until(() -> !posts().isEmpty());
        String plan = posts().get(0).get("blocks");
        assertThat(plan).contains("아직 배포된 것 없음 → `v1`").contains("12-01 10:00에 푸시됨").contains("지금 호스트: 2대 (온라인 2대, 오프라인 0대)")
                .contains("\"text\":\"확인\"").contains("\"text\":\"취소\"");

        requests.send(requests.click(DeployViews.CONFIRM, TestingDeploys.buttonValue(plan, DeployViews.CONFIRM).orElseThrow(), "U0DEV"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(edits()).anyMatch(text -> text.contains("일부만 됐어요: 호스트 2대 중 1대가 새 이미지를 받았고 1대는 받지 못했어요")));
        String summary = edits().stream().filter(text -> text.contains("일부만 됐어요")).findFirst().orElseThrow();
        assertThat(summary).contains("새 이미지를 받지 못한 호스트:").contains("제시간에 정상이 되지 않아 이전 컨테이너로 되돌림")
                .as("a first deploy has nothing to roll back to").doesNotContain(DeployViews.ROLLBACK);
        assertThat(requests.reply(requests.slashCommand("/deploy", "lock web prod 점검 중", "U0DEV"))).contains("<@U0DEV>님이 `prod`의 `web`을(를) 잠갔어요: 점검 중");
        assertThat(requests.reply(requests.slashCommand("/deploy", "web prod v1", "U0DEV"))).contains("`prod`의 `web`은(는)").contains("<@U0DEV>님이 잠갔어요: 점검 중");
    }

    private List<Map<String, String>> posts()
    {
        return slack.decodedCalls("chat.postMessage").stream().filter(call -> call.getOrDefault("text", "").startsWith("web → prod: v1")).toList();
    }

    private List<String> edits()
    {
        return slack.decodedCalls("chat.update").stream().filter(call -> call.getOrDefault("text", "").startsWith("web → prod: v1"))
                .map(call -> call.get("text") + "\n" + call.get("blocks")).toList();
    }
}
