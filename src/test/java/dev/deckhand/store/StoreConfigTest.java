package dev.deckhand.store;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class StoreConfigTest
{
    @Test
    void onlyAnEmbeddedH2IsHeldByOneProcess()
    {
        assertThat(shared("jdbc:h2:file:/srv/deckhand/data/deckhand;DB_CLOSE_ON_EXIT=FALSE")).isFalse();
        assertThat(shared("jdbc:h2:mem:deckhand-console;DB_CLOSE_DELAY=-1")).isFalse();
        assertThat(shared("jdbc:h2:./data/deckhand")).isFalse();
        assertThat(shared("jdbc:h2:file:./data/deckhand;AUTO_SERVER=TRUE")).isTrue();
        assertThat(shared("jdbc:h2:tcp://db.internal/deckhand")).isTrue();
        assertThat(shared("jdbc:postgresql://db.internal:5432/deckhand")).isTrue();
    }

    private static boolean shared(String url)
    {
        return new StoreConfig(url, Optional.empty(), Optional.empty()).isShared();
    }
}
