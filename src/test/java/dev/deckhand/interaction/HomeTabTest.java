package dev.deckhand.interaction;

import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.view.View;
import dev.deckhand.chat.Chat;
import dev.deckhand.chat.ChatException;
import dev.deckhand.testing.TestingClock;
import dev.deckhand.testing.TestingStore;
import dev.deckhand.text.Language;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;

/** Publishing the Home tab: viewers remembered in the store, changes coalesced, failures kept from the caller. */
class HomeTabTest
{
    private static final Duration WINDOW = Duration.ofMillis(300);

    private final TestingClock clock = new TestingClock(Instant.parse("2026-12-01T09:00:00Z"));
    private final List<String> published = Collections.synchronizedList(new ArrayList<>());
    private TestingStore store;
    private HomeTab home;

    @BeforeEach
    void start()
    {
        store = new TestingStore();
        home = new HomeTab(Set.of(section()), recording(), store.jdbc(), clock, () -> Language.EN, WINDOW);
    }

    @AfterEach
    void stop()
    {
        home.shutdown(Duration.ofSeconds(1));
        store.close();
    }

    @Test
    void openingPublishesForThatPersonAtOnce()
    {
        home.opened("U0ONE");

        assertThat(published).containsExactly("U0ONE");
    }

    @Test
    void changesInARowArePublishedOncePerViewer()
    {
        home.opened("U0ONE");
        home.opened("U0TWO");
        home.opened("U0ONE");
        published.clear();

        home.changed();
        home.changed();
        home.changed();

        await().until(() -> published.size() >= 2);
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(3)).until(() -> published.size() == 2);
        assertThat(published).containsExactlyInAnyOrder("U0ONE", "U0TWO");

        // A change after that publish is published again.
        home.changed();
        await().until(() -> published.size() == 4);
    }

    @Test
    void someoneWhoHasNotOpenedTheTabFor30DaysIsNoLongerRepublished()
    {
        home.opened("U0OLD");
        clock.advance(Duration.ofDays(31));
        home.opened("U0NEW");
        published.clear();

        home.changed();

        await().until(() -> !published.isEmpty());
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(3)).until(() -> published.size() == 1);
        assertThat(published).containsExactly("U0NEW");
        assertThat(store.jdbc().query("SELECT user_id FROM home_viewers", row -> row.getString("user_id"))).containsExactly("U0NEW");
    }

    @Test
    void viewersAreKeptInTheStoreForAnotherInstanceToRepublish()
    {
        home.opened("U0ONE");
        HomeTab other = new HomeTab(Set.of(section()), recording(), store.jdbc(), clock, () -> Language.EN, WINDOW);
        published.clear();
        try {
            other.changed();

            await().until(() -> published.contains("U0ONE"));
        }
        finally {
            other.shutdown(Duration.ofSeconds(1));
        }
    }

    @Test
    void aFailedPublishIsNotThrownToTheCaller()
    {
        Chat refusing = mock(Chat.class);
        doThrow(ChatException.refused("views.publish", "not_enabled")).when(refusing).publishHome(eq("U0ONE"), any());
        HomeTab failing = new HomeTab(Set.of(), refusing, store.jdbc(), clock, () -> Language.EN, WINDOW);
        try {
            assertThatCode(() -> failing.opened("U0ONE")).doesNotThrowAnyException();
            assertThatCode(failing::changed).doesNotThrowAnyException();
        }
        finally {
            failing.shutdown(Duration.ofSeconds(1));
        }
    }

    private Chat recording()
    {
        Chat chat = mock(Chat.class);
        org.mockito.Mockito.doAnswer(invocation -> {
            View view = invocation.getArgument(1);
            assertThat(view.getType()).isEqualTo("home");
            published.add(invocation.getArgument(0));
            return null;
        }).when(chat).publishHome(any(), any());
        return chat;
    }

    private static HomeSection section()
    {
        return new HomeSection()
        {
            @Override
            public int order()
            {
                return 10;
            }

            @Override
            public List<LayoutBlock> blocks(String userId)
            {
                return List.of(HeaderBlock.builder().text(PlainTextObject.builder().text("Jobs").build()).build());
            }
        };
    }
}
