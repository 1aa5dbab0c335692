package dev.deckhand.store;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoreRetryTest
{
    private static final StoreException DOWN = new StoreException(new SQLTransientConnectionException("Connection is not available, request timed out after 2000ms"));
    private static final StoreException REFUSED = new StoreException(new SQLException("duplicate key", "23505"));

    @Test
    void aStepIsTriedAgainUntilTheDatabaseAnswers()
    {
        AtomicInteger tries = new AtomicInteger();

        StoreRetry.untilStored("a test step", () -> {
            if (tries.incrementAndGet() < 3) {
                throw DOWN;
            }
        });

        assertThat(tries).hasValue(3);
    }

    @Test
    void aDatabaseThatAnswersWithAnErrorIsNotAskedAgain()
    {
        AtomicInteger tries = new AtomicInteger();

        assertThatThrownBy(() -> StoreRetry.untilStored("a test step", () -> {
            tries.incrementAndGet();
            throw REFUSED;
        })).isSameAs(REFUSED);
        assertThat(tries).hasValue(1);
    }

    @Test
    void stoppingEndsTheWait()
    {
        AtomicInteger tries = new AtomicInteger();
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> StoreRetry.untilStored("a test step", () -> {
                tries.incrementAndGet();
                throw DOWN;
            })).isSameAs(DOWN);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
            assertThat(tries).hasValue(1);
        }
        finally {
            Thread.interrupted();
        }
    }
}
