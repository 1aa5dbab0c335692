package dev.deckhand.tasks;

import static java.util.Objects.requireNonNull;

/** One recurring instance as wanted: its schedule and its state (see {@link DurableTasks#reconcile}). */
public record Recurrence<T>(Schedule schedule, T state)
{
    public Recurrence
    {
        requireNonNull(schedule, "schedule is null");
    }
}
