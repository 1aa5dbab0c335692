package dev.deckhand.tasks;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Slow or later work that survives restarts and runs once across replicas. Capabilities
 * contribute {@link TaskDefinition}s and manage their instances here, without knowing the engine.
 * An instance is a {@link TaskKey} and an id (at most 150 characters) unique within it.
 *
 * <p>Every method reads or writes the store. Until Deckhand has started its durable tasks each
 * throws {@link IllegalStateException}: call them from the {@code start()} of a {@code Managed}
 * bound after the tasks module, or later. A key whose handler was not contributed, or was
 * contributed as another kind, is an {@link IllegalArgumentException}.
 */
public interface DurableTasks
{
    /**
     * Schedules a one-time instance for {@code at} with {@code state}. Returns false, and changes
     * nothing, when an instance with this id exists (scheduled, running, or waiting to retry), or
     * is still being cancelled.
     */
    <T> boolean schedule(TaskKey<T> key, String id, Instant at, T state);

    /**
     * Makes a recurring instance ({@link TaskDefinition#onSchedule}) run on {@code schedule} with
     * {@code state}. A new one is due at {@code schedule.next(now)}. One with another schedule is
     * due at the new schedule's next run from now; one with only another state keeps its due time.
     * One that is so already is left alone. A change to an instance that is running applies when
     * that run ends, and no run starts on the old schedule after this returns.
     */
    <T> void recur(TaskKey<T> key, String id, Schedule schedule, T state);

    /**
     * Makes the instances of {@code key} be exactly {@code wanted}, by id: {@link #recur} each,
     * {@link #cancel} the others. For following the config at start and on reload.
     */
    <T> void reconcile(TaskKey<T> key, Map<String, Recurrence<T>> wanted);

    /**
     * Ends an instance, one-time or recurring: no run of it starts after this returns. A run in
     * progress finishes, and is its last. Returns false when there was no such instance.
     */
    boolean cancel(TaskKey<?> key, String id);

    /**
     * When the instance is due, as stored; empty when there is none (it finished, or was
     * cancelled). While it runs, the time that run was due. A change still waiting for a run to
     * end does not show here until it is applied.
     */
    Optional<Instant> due(TaskKey<?> key, String id);

    /** {@link #due} of every instance of {@code key}, by id, in one read. */
    Map<String, Instant> dues(TaskKey<?> key);
}
