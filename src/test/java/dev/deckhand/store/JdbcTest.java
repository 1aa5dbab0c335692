package dev.deckhand.store;

import dev.deckhand.testing.TestingStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JdbcTest
{
    private final TestingStore store = new TestingStore();
    private final Jdbc jdbc = store.jdbc();

    @AfterEach
    void close()
    {
        store.close();
    }

    @Test
    void aTransactionTakesEffectWhole()
    {
        jdbc.inTransaction(tx -> {
            tx.update("INSERT INTO outbox_refs (message_key, channel, ts) VALUES ('a', 'C1', '1')");
            tx.inTransaction(inner -> inner.update("INSERT INTO outbox_refs (message_key, channel, ts) VALUES ('b', 'C1', '2')"));
        });

        assertThat(keys()).containsExactly("a", "b");
    }

    @Test
    void aFailureInsideATransactionUndoesAllOfIt()
    {
        assertThatThrownBy(() -> jdbc.inTransaction(tx -> {
            tx.update("INSERT INTO outbox_refs (message_key, channel, ts) VALUES ('a', 'C1', '1')");
            tx.update("INSERT INTO outbox_refs (message_key, channel, ts) VALUES ('a', 'C1', '2')");
        })).isInstanceOf(StoreException.class);

        assertThat(keys()).isEmpty();
        jdbc.update("INSERT INTO outbox_refs (message_key, channel, ts) VALUES ('c', 'C1', '3')");
        assertThat(keys()).as("the pooled connection is back in auto-commit").containsExactly("c");
    }

    private List<String> keys()
    {
        return jdbc.query("SELECT message_key FROM outbox_refs ORDER BY message_key", row -> row.getString("message_key"));
    }
}
