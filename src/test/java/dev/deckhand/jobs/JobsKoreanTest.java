package dev.deckhand.jobs;

import dev.deckhand.testing.SlackRequests;
import dev.deckhand.testing.TestingDeckhand;
import dev.deckhand.testing.TestingSlack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** With {@code locale: ko}, a job's alert, its live run and the board are in Korean. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobsKoreanTest
{
    private static final String CONFIG = """
            timezone: Asia/Seoul
            locale: ko
            slack: { channel: "#ops" }
            scripts:
              dir: @DIR@
              list:
                - { name: build, command: [build.sh], timeout: 30s, allow: [everyone] }
            jobs:
              - { name: static-build, schedule: "*/30 * * * *", run: { script: build }, channel: "#batch", allow: [everyone] }
            """;

    @TempDir
    static Path directory;
    private TestingSlack slack;
    private TestingDeckhand deckhand;
    private SlackRequests requests;

    @BeforeAll
    void start()
            throws Exception
    {
        deckhand = TestingDeckhand.start(directory, CONFIG, Map.of("build.sh", "#!/bin/sh\necho 'API가 500을 돌려줬어요' >&2\nexit 1\n"));
        slack = deckhand.slack();
        requests = deckhand.requests();
    }

    @AfterAll
    void stop()
    {
        deckhand.close();
    }

    @Test
    void alertsRunsAndTheBoardAreInKorean()
            throws Exception
    {
        assertThat(requests.reply(requests.slashCommand("/jobs", "run static-build", "U0DEV"))).contains("`static-build`을(를) 시작해요");
        await().atMost(Duration.ofSeconds(20)).until(() -> slack.decodedCalls("chat.postMessage").stream()
                .anyMatch(post -> post.get("text").contains("*static-build*이(가)") && post.get("text").contains("실패 중이에요")));
        await().atMost(Duration.ofSeconds(10)).until(() -> slack.decodedCalls("chat.update").stream().anyMatch(update -> update.get("text").contains("실패했어요")));
        String board = requests.reply(requests.slashCommand("/jobs", "", "U0DEV"));
        assertThat(board).contains("*작업*").contains("마지막:").contains("다음:").contains("Asia/Seoul");
        String detail = requests.reply(requests.slashCommand("/jobs", "static-build", "U0DEV"));
        assertThat(detail).contains("최근 실행:").contains("유예 5분").contains("*/30 * * * * (Asia/Seoul)");
        assertThat(requests.reply(requests.slashCommand("/jobs", "pause static-build 점검", "U0DEV"))).contains("일시 중지했어요: 점검");
    }
}
