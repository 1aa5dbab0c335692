package dev.deckhand.tasks;

import dev.deckhand.testing.TestingClock;
import dev.deckhand.testing.TestingStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Who is alive, and when a replica may say so: never while its own view of the store is too new to judge. */
class InstancesTest
{
    private static final Duration A_BEAT = Instances.HEARTBEAT;

    private final TestingStore store = new TestingStore();
    private final TestingClock clock = new TestingClock(Instant.parse("2026-12-01T00:00:00Z"));
    private final Instances first = new Instances(store.jdbc(), new InstanceId("first"), clock, true);
    private final Instances second = new Instances(store.jdbc(), new InstanceId("second"), clock, true);

    @AfterEach
    void close()
    {
        store.close();
    }

    @Test
    void aReplicaJudgesNobodyUntilItHasSeenTheStoreForDeadAfter()
    {
        first.register();
        assertThat(first.alive()).isEmpty();

        beatFor(Instances.DEAD_AFTER, first);

        assertThat(first.alive()).contains(Set.of("first"));
    }

    @Test
    void aPeerIsAliveWhileItBeatsAndGoneAfterDeadAfterOfSilence()
    {
        first.register();
        second.register();
        beatFor(Instances.DEAD_AFTER, first, second);
        assertThat(first.alive()).contains(Set.of("first", "second"));

        beatFor(Instances.DEAD_AFTER.plus(A_BEAT), first);

        assertThat(first.alive()).contains(Set.of("first"));
    }

    @Test
    void afterADatabaseOutageEveryPeerGetsDeadAfterToBeatAgainBeforeItIsJudged()
    {
        first.register();
        second.register();
        beatFor(Instances.DEAD_AFTER, first, second);

        store.jdbc().update("ALTER TABLE instances RENAME TO instances_away");
        beatFor(Duration.ofSeconds(30), first, second);
        store.jdbc().update("ALTER TABLE instances_away RENAME TO instances");
        first.beat();

        assertThat(first.alive()).as("the second's last beat is 30 s old, but so was the first's").isEmpty();
        beatFor(Instances.DEAD_AFTER, first, second);
        assertThat(first.alive()).contains(Set.of("first", "second"));
    }

    @Test
    void aReplicaAlwaysCountsItselfAlive()
    {
        first.register();
        clock.advance(Instances.DEAD_AFTER.multipliedBy(2));
        first.beat();
        store.jdbc().update("DELETE FROM instances");
        clock.advance(Instances.DEAD_AFTER);

        assertThat(first.alive()).contains(Set.of("first"));
    }

    @Test
    void aStoreOnlyThisProcessCanOpenHasNoPeersToWaitFor()
    {
        Instances alone = new Instances(store.jdbc(), new InstanceId("alone"), clock, false);
        first.register();
        alone.register();

        assertThat(alone.alive()).contains(Set.of("alone"));
    }

    private void beatFor(Duration duration, Instances... replicas)
    {
        for (Duration passed = Duration.ZERO; passed.compareTo(duration) < 0; passed = passed.plus(A_BEAT)) {
            clock.advance(A_BEAT);
            for (Instances replica : replicas) {
                replica.beat();
            }
        }
    }
}
