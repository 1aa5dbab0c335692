package dev.deckhand.tasks;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** A change asked for an existing instance: cancel it, or make it recur with a schedule and state. */
record Change(String task, String id, Optional<ScheduledState> recur)
{
    Change
    {
        requireNonNull(task, "task is null");
        requireNonNull(id, "id is null");
        requireNonNull(recur, "recur is null");
    }

    static Change cancel(String task, String id)
    {
        return new Change(task, id, Optional.empty());
    }

    static Change recur(String task, String id, ScheduledState wanted)
    {
        return new Change(task, id, Optional.of(wanted));
    }

    /** The id of the row the change waits in while the instance runs. */
    String waitingId()
    {
        return task + "/" + id;
    }
}
