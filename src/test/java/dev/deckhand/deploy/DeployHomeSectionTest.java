package dev.deckhand.deploy;

import dev.deckhand.testing.SlackRequests;
import dev.deckhand.testing.TestingDeckhand;
import dev.deckhand.testing.TestingSlack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The deploys part of the App Home tab: every environment with what runs there and its lock, as /deploy status shows it. */
class DeployHomeSectionTest
{
    private static final String CONFIG = """
            timezone: UTC
            access:
              admins: [U0ADMIN]
            services:
              - name: web
                environments:
                  staging: { targets: { "tag:Env": staging }, channel: "#deploy" }
                  prod: { targets: { "tag:Env": prod }, channel: "#deploy", after: staging }
              - name: api
                environments:
                  live: { targets: { "tag:Service": api }, channel: "#deploy" }
            """;

    @TempDir
    Path directory;
    private TestingSlack slack;
    private TestingDeckhand deckhand;
    private SlackRequests requests;

    @BeforeEach
    void start()
            throws Exception
    {
        TestingDeckhand.prepare(directory, CONFIG, Map.of());
        slack = new TestingSlack();
        deckhand = TestingDeckhand.replica(directory, slack, Map.of(), List.of());
        requests = deckhand.requests();
    }

    @AfterEach
    void stop()
    {
        deckhand.close();
        slack.close();
    }

    @Test
    void theTabShowsEveryEnvironmentAndALockWithItsReason()
            throws Exception
    {
        requests.sendJson(requests.appHomeOpened("U0DEV"));
        await().until(() -> slack.homeViews("U0DEV").size() == 1);

        String before = slack.homeViews("U0DEV").get(0);
        assertThat(before).contains("Deploys and locks").contains("*web*").contains("`staging`").contains("`prod`").contains("*api*")
                .contains("nothing deployed by Deckhand yet").doesNotContain(":lock:").doesNotContain("/deckhand help");

        String locked = requests.reply(requests.slashCommand("/deploy", "lock web prod release freeze", "U0ADMIN"));
        assertThat(locked).contains("release freeze");
        requests.sendJson(requests.appHomeOpened("U0DEV"));
        await().until(() -> slack.homeViews("U0DEV").size() == 2);

        assertThat(slack.homeViews("U0DEV").get(1)).contains(":lock: locked by <@U0ADMIN>: release freeze");

        // An unlock refreshes the tab of whoever opened it, without opening it again.
        int published = slack.homeViews("U0DEV").size();
        assertThat(requests.reply(requests.slashCommand("/deploy", "unlock web prod", "U0ADMIN"))).contains("unlocked");
        await().atMost(Duration.ofSeconds(20)).until(() -> slack.homeViews("U0DEV").size() > published
                && !last(slack.homeViews("U0DEV")).contains("release freeze"));
    }

    private static String last(java.util.List<String> views)
    {
        return views.get(views.size() - 1);
    }
}
