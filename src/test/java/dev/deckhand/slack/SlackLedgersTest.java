package dev.deckhand.slack;

import dev.deckhand.interaction.ClickClaims;
import dev.deckhand.tasks.TaskDefinition;
import dev.deckhand.testing.TestingClock;
import dev.deckhand.testing.TestingStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The hourly task that keeps the request and click ledgers small, and what they still remember. */
class SlackLedgersTest
{
    private final TestingStore store = new TestingStore();
    private final TestingClock clock = new TestingClock(Instant.parse("2026-11-25T00:00:00Z"));
    private final ProcessedRequests requests = new ProcessedRequests(store.jdbc(), clock);
    private final ClickClaims claims = new ClickClaims(store.jdbc(), clock);

    @AfterEach
    void close()
    {
        store.close();
    }

    @Test
    void requestsAreForgottenAfterADayAndClicksAfterAMonth()
            throws Exception
    {
        assertThat(requests.firstTime("payload=1")).isTrue();
        assertThat(claims.claim("cancel:run-1", "U1")).isTrue();

        clock.advance(Duration.ofHours(23));
        forget();
        assertThat(requests.firstTime("payload=1")).as("a retry within the day").isFalse();

        clock.advance(Duration.ofDays(2));
        forget();
        assertThat(requests.firstTime("payload=1")).isTrue();
        assertThat(claims.claim("cancel:run-1", "U2")).as("within the month").isFalse();

        clock.advance(Duration.ofDays(30));
        forget();
        assertThat(claims.claim("cancel:run-1", "U2")).isTrue();
    }

    private void forget()
            throws Exception
    {
        ((TaskDefinition.Recurring) SlackModule.forgetOldRequests(requests, claims)).handler().run();
    }
}
