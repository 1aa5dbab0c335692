package dev.deckhand.slack;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.PlainTextObject;
import dev.deckhand.interaction.HomeSection;
import dev.deckhand.interaction.HomeTab;
import dev.deckhand.testing.SlackRequests;
import dev.deckhand.testing.TestingDeckhand;
import dev.deckhand.testing.TestingSlack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The App Home tab over the Request URL: a signed app_home_opened event publishes the board for that person with views.publish. */
class HomeTabEndToEndTest
{
    private static final String CONFIG = """
            access:
              admins: [U0ADMIN]
            scripts:
              dir: @DIR@
              list:
                - { name: hello, description: Say hello, command: [hello.sh], allow: [everyone] }
            """;

    @TempDir
    Path directory;
    private TestingSlack slack;
    private TestingDeckhand deckhand;

    @AfterEach
    void stop()
    {
        if (deckhand != null) {
            deckhand.close();
        }
        if (slack != null) {
            slack.close();
        }
    }

    @Test
    void openingTheHomeTabWithNoSectionsShowsTheWelcome()
            throws Exception
    {
        SlackRequests requests = start(List.of());

        HttpResponse<String> response = requests.sendJson(requests.appHomeOpened("U0HOME"));

        assertThat(response.statusCode()).isEqualTo(200);
        await().untilAsserted(() -> assertThat(slack.homeViews("U0HOME")).singleElement()
                .satisfies(view -> assertThat(view).contains("\"type\":\"home\"").contains("/deckhand help").contains("/run")));
        assertThat(slack.homeViews("U0OTHER")).isEmpty();
    }

    @Test
    void theMessagesTabPublishesNothing()
            throws Exception
    {
        SlackRequests requests = start(List.of());

        assertThat(requests.sendJson(requests.appHomeOpened("U0MSG", "messages")).statusCode()).isEqualTo(200);
        // Events are handled in order of arrival; once a later one has been published, the first had its turn.
        requests.sendJson(requests.appHomeOpened("U0LATER"));
        await().until(() -> !slack.homeViews("U0LATER").isEmpty());

        assertThat(slack.homeViews("U0MSG")).isEmpty();
    }

    @Test
    void sectionsShowInOrderAFailingOneShowsALineAndChangesRepublishOncePerViewer()
            throws Exception
    {
        AtomicInteger runs = new AtomicInteger(1);
        SlackRequests requests = start(List.of(sections(
                section(20, "Recent deploys", () -> "web → prod"),
                section(10, "Jobs", () -> "static-build ran " + runs.get() + " times"),
                failing(30))));

        requests.sendJson(requests.appHomeOpened("U0ONE"));
        requests.sendJson(requests.appHomeOpened("U0TWO"));
        await().until(() -> slack.homeViews("U0ONE").size() == 1 && slack.homeViews("U0TWO").size() == 1);

        String view = slack.homeViews("U0ONE").get(0);
        assertThat(view).contains("static-build ran 1 times").contains("web → prod")
                .contains("Deckhand could not show this part of the board").doesNotContain("/deckhand help");
        assertThat(view.indexOf("Jobs")).isLessThan(view.indexOf("Recent deploys"));
        assertThat(view.indexOf("Recent deploys")).isLessThan(view.indexOf("could not show"));

        runs.set(2);
        HomeTab home = deckhand.instance(HomeTab.class);
        home.changed();
        home.changed();

        await().atMost(Duration.ofSeconds(20)).until(() -> slack.homeViews("U0ONE").size() == 2 && slack.homeViews("U0TWO").size() == 2);
        assertThat(slack.homeViews("U0TWO").get(1)).contains("static-build ran 2 times");
        // Two changes in a row are one publish per viewer, not two.
        await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(10))
                .until(() -> slack.homeViews("U0ONE").size() == 2 && slack.homeViews("U0TWO").size() == 2);
    }

    @Test
    void aMalformedEventIsRefusedWithA4xxAndPublishesNothing()
            throws Exception
    {
        SlackRequests requests = start(List.of());

        List<String> bodies = List.of(
                requests.event("{\"type\":\"app_home_opened\",\"user\":{\"id\":1},\"channel\":\"D0HOME\",\"tab\":\"home\"}"),
                requests.event("{\"type\":\"app_home_opened\",\"channel\":\"D0HOME\",\"tab\":\"home\"}"),
                requests.event("{\"type\":\"app_home_opened\",\"user\":\"U0 <script>\",\"channel\":\"D0HOME\",\"tab\":\"home\"}"),
                requests.event("{\"type\":\"app_home_opened\",\"user\":\"U0HOME\",\"tab\":[1,2]}"),
                requests.event("\"app_home_opened\""),
                "{\"type\":\"event_callback\",\"event_id\":\"Ev0NOEVENT\"}");

        for (String body : bodies) {
            HttpResponse<String> response = requests.sendJson(body);
            assertThat(response.statusCode()).as(body).isBetween(400, 499);
            assertThat(response.body()).as(body).doesNotContain("Exception").doesNotContain("at dev.deckhand");
        }
        assertThat(slack.calls("views.publish")).isEmpty();
    }

    @Test
    void slacksUrlVerificationIsAnsweredWithTheChallenge()
            throws Exception
    {
        SlackRequests requests = start(List.of());

        HttpResponse<String> response = requests.sendJson("{\"token\":\"unused\",\"challenge\":\"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P\",\"type\":\"url_verification\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
    }

    private SlackRequests start(List<Module> modules)
            throws Exception
    {
        TestingDeckhand.prepare(directory, CONFIG, Map.of("hello.sh", "#!/bin/sh\necho hello\n"));
        slack = new TestingSlack();
        deckhand = TestingDeckhand.replica(directory, slack, Map.of(), modules);
        return deckhand.requests();
    }

    private static Module sections(HomeSection... sections)
    {
        return new AbstractModule()
        {
            @Override
            protected void configure()
            {
                Multibinder<HomeSection> binder = Multibinder.newSetBinder(binder(), HomeSection.class);
                for (HomeSection section : sections) {
                    binder.addBinding().toInstance(section);
                }
            }
        };
    }

    private static HomeSection section(int order, String title, java.util.function.Supplier<String> content)
    {
        return new HomeSection()
        {
            @Override
            public int order()
            {
                return order;
            }

            @Override
            public List<LayoutBlock> blocks(String userId)
            {
                return List.of(
                        HeaderBlock.builder().text(PlainTextObject.builder().text(title).build()).build(),
                        SectionBlock.builder().text(MarkdownTextObject.builder().text(content.get() + " for <@" + userId + ">").build()).build());
            }
        };
    }

    private static HomeSection failing(int order)
    {
        return new HomeSection()
        {
            @Override
            public int order()
            {
                return order;
            }

            @Override
            public List<LayoutBlock> blocks(String userId)
            {
                throw new IllegalStateException("the section's store is gone");
            }
        };
    }
}
