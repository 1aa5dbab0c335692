package dev.deckhand.scripts;

import dev.deckhand.testing.SlackRequests;
import dev.deckhand.testing.TestingDeckhand;
import dev.deckhand.testing.TestingSlack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** With {@code locale: ko}, what Slack receives is Korean: replies, the channel post and its edits, help and refusals. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KoreanEndToEndTest
{
    private static final String CONFIG = """
            timezone: Asia/Seoul
            locale: ko
            access:
              admins: [U0ADMIN]
            scripts:
              dir: @DIR@
              list:
                - name: hello
                  description: Say hello
                  command: [hello.sh, "{name}"]
                  params:
                    - { name: name, pattern: "[A-Za-z-]{1,32}", default: world }
                  allow: [everyone]
                  concurrency: 5
                - { name: notes, command: [hello.sh], allow: [U0OTHER] }
            """;

    @TempDir
    static Path directory;
    private TestingDeckhand deckhand;
    private TestingSlack slack;
    private SlackRequests requests;

    @BeforeAll
    void start()
            throws Exception
    {
        deckhand = TestingDeckhand.start(directory, CONFIG, Map.of("hello.sh", "#!/bin/sh\necho \"Hello, ${1:-world}!\"\n"));
        slack = deckhand.slack();
        requests = deckhand.requests();
    }

    @AfterAll
    void stop()
    {
        deckhand.close();
    }

    @Test
    void aSignedRunPostsAndEditsInKorean()
            throws Exception
    {
        requests.send(requests.slashCommand("/run", "hello name=Kim", "U0DEV"));

        await().untilAsserted(() -> assertThat(slack.decodedCalls("chat.update"))
                .anyMatch(call -> call.get("text").equals("<@U0DEV>님이 `hello name=Kim` 실행: :white_check_mark: 종료 코드 0, " + took(call.get("text")) + " 걸렸어요")));
        assertThat(slack.decodedCalls("chat.postMessage")).anyMatch(call -> call.get("text").equals("<@U0DEV>님이 `hello name=Kim` 실행 (실행 중)")
                && call.get("blocks").contains("\"text\":\"취소\""));
    }

    @Test
    void repliesAndRefusalsAreKorean()
            throws Exception
    {
        assertThat(requests.reply(requests.slashCommand("/run", "nope", "U0DEV"))).contains("`nope`라는 스크립트는 없어요");
        assertThat(requests.reply(requests.slashCommand("/run", "hello name=K1m", "U0DEV")))
                .contains("아무것도 실행하지 않았어요").contains("`name`: [A-Za-z-]{1,32} 형식이어야 해요 (입력값 `K1m`)");
        assertThat(requests.reply(requests.slashCommand("/run", "notes", "U0DEV"))).contains("`notes`을(를) 실행할 수 없어요: <@U0OTHER>에 속하거나 관리자여야 해요");
        assertThat(requests.reply(requests.slashCommand("/run", "", "U0DEV"))).contains("*실행할 수 있는 스크립트*");
        assertThat(requests.reply(requests.slashCommand("/deckhand", "help", "U0DEV"))).contains("*Deckhand*는 팀의 스크립트를 Slack에서 실행해요.")
                .contains("`/run` 실행할 수 있는 스크립트 목록");
        assertThat(requests.reply(requests.slashCommand("/deckhand", "audit", "U0DEV"))).contains("감사 기록은 관리자만 볼 수 있어요");
        assertThat(requests.reply(requests.slashCommand("/deploy", "web prod", "U0DEV"))).contains("`web`라는 서비스는 없어요");
        assertThat(requests.reply(requests.slashCommand("/jobs", "", "U0DEV"))).contains("설정된 작업이 없어요");
        assertThat(requests.reply(requests.slashCommand("/reports", "", "U0DEV"))).contains("`/reports`는 이 Deckhand가 아직 할 수 없는 일이에요");
        assertThat(requests.reply(requests.slashCommand("/deckhand", "audit", "U0ADMIN"))).contains("최근 감사 기록").contains("→ 거절됨");
    }

    private static String took(String text)
    {
        int start = text.indexOf("종료 코드 0, ") + "종료 코드 0, ".length();
        int end = text.indexOf(" 걸렸어요");
        return start > 0 && end > start ? text.substring(start, end) : "?";
    }
}
