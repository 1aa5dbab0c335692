package dev.deckhand.interaction;

import dev.deckhand.chat.Chat;
import dev.deckhand.testing.TestingClock;
import dev.deckhand.testing.TestingPostgres;
import dev.deckhand.testing.TestingStore;
import dev.deckhand.text.Language;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

/** Two replicas on one PostgreSQL: a person who opened the tab on one is republished by the other; opening again keeps one row. */
class HomeTabPostgresTest
{
    @Test
    void aViewerRememberedByOneReplicaIsRepublishedByAnother()
    {
        TestingClock clock = new TestingClock(Instant.parse("2026-12-01T09:00:00Z"));
        List<String> published = Collections.synchronizedList(new ArrayList<>());
        Chat chat = mock(Chat.class);
        doAnswer(invocation -> published.add(invocation.getArgument(0))).when(chat).publishHome(any(), any());
        try (TestingPostgres postgres = TestingPostgres.start(); TestingStore store = new TestingStore(postgres.createDatabase("home"))) {
            HomeTab first = new HomeTab(Set.of(), chat, store.jdbc(), clock, () -> Language.EN, Duration.ofMillis(100));
            HomeTab second = new HomeTab(Set.of(), chat, store.jdbc(), clock, () -> Language.EN, Duration.ofMillis(100));
            try {
                first.opened("U0ONE");
                clock.advance(Duration.ofDays(1));
                second.opened("U0ONE");
                published.clear();

                second.changed();

                await().until(() -> published.contains("U0ONE"));
                assertThat(store.jdbc().query("SELECT user_id, opened_at FROM home_viewers", row -> row.getString("user_id") + " " + row.getTimestamp("opened_at").toInstant()))
                        .containsExactly("U0ONE 2026-12-02T09:00:00Z");
            }
            finally {
                first.shutdown(Duration.ofSeconds(1));
                second.shutdown(Duration.ofSeconds(1));
            }
        }
    }
}
