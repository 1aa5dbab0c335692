package dev.deckhand.tasks;

import java.time.Instant;

/**
 * Slow or later work that survives restarts and runs once across replicas. Capabilities
 * contribute {@link TaskDefinition}s and schedule them here, without knowing the engine.
 */
public interface DurableTasks
{
    /** Schedules {@code task} (a contributed one-time task) for {@code at}; a second call with the same id is ignored. */
    void schedule(String task, String id, Instant at, String data);
}
