package dev.deckhand.scripts;

import dev.deckhand.chat.Conversation;
import dev.deckhand.store.StoreException;
import dev.deckhand.testing.TestingStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A script's slots in the store: a run that cannot be recorded holds none, and slots no running run holds are freed. */
class ScriptRunStoreTest
{
    private static final ScriptDefinition SOLO = new ScriptDefinition("solo", "", List.of("solo.sh"), List.of(), Duration.ofSeconds(30),
            List.of("everyone"), List.of(), Map.of(), Set.of(), 1);

    private final TestingStore testingStore = new TestingStore();
    private final ScriptRunStore store = new ScriptRunStore(testingStore.jdbc());

    @AfterEach
    void close()
    {
        testingStore.close();
    }

    @Test
    void aRunThatCannotBeRecordedTakesNoSlot()
    {
        // The owner column holds 64 characters: the run's row fails after its slot's row would have been written.
        assertThatThrownBy(() -> store.admit(run("U0FIRST"), "solo", "o".repeat(65), 1)).isInstanceOf(StoreException.class);

        assertThat(slots()).isZero();
        assertThat(store.admit(run("U0NEXT"), "solo", "replica-1", 1)).isTrue();
        assertThat(store.admit(run("U0THIRD"), "solo", "replica-1", 1)).as("the one slot is taken").isFalse();
    }

    @Test
    void aLongCommandTextIsStoredShortened()
    {
        ScriptRun run = run("U0LONG");

        assertThat(store.admit(run, "solo " + "x".repeat(10_000), "replica-1", 1)).isTrue();

        assertThat(store.find(run.id()).orElseThrow().commandText()).hasSize(4000).endsWith("…");
    }

    @Test
    void slotsHeldByNoRunningRunAreFreed()
    {
        ScriptRun running = run("U0RUNNING");
        store.admit(running, "solo", "replica-1", 1);
        testingStore.jdbc().update("INSERT INTO run_slots (script, slot, run_id) VALUES (?, ?, ?)", "other", 0, UUID.randomUUID().toString());

        assertThat(store.freeOrphanedSlots()).isEqualTo(1);

        assertThat(store.holders("solo")).extracting(ScriptRunStore.StoredRun::id).containsExactly(running.id());
        assertThat(slots()).isEqualTo(1);
    }

    private int slots()
    {
        return testingStore.jdbc().query("SELECT COUNT(*) AS n FROM run_slots", row -> row.getInt("n")).get(0);
    }

    private static ScriptRun run(String user)
    {
        return new ScriptRun(UUID.randomUUID().toString(), SOLO, Map.of(), new Conversation("C0RUN", "ops", user, Optional.empty()), Instant.now());
    }
}
