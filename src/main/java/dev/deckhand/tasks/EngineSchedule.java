package dev.deckhand.tasks;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * A {@link Schedule} in the form db-scheduler asks for: a new instance is first due at
 * {@link Schedule#next}, and after each run (or failed run) it is due where {@link Slots} says.
 */
record EngineSchedule(Schedule schedule)
        implements com.github.kagkarlsson.scheduler.task.schedule.Schedule
{
    EngineSchedule
    {
        requireNonNull(schedule, "schedule is null");
    }

    @Override
    public Instant getNextExecutionTime(ExecutionComplete complete)
    {
        Instant finished = complete.getTimeDone();
        return Slots.afterRun(schedule, complete.getExecution().getExecutionTime(), finished.minus(complete.getDuration()), finished);
    }

    @Override
    public Instant getInitialExecutionTime(Instant now)
    {
        return schedule.next(now);
    }

    @Override
    public boolean isDeterministic()
    {
        return true;
    }
}
