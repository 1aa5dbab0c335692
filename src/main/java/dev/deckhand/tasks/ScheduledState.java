package dev.deckhand.tasks;

import com.github.kagkarlsson.scheduler.task.helper.ScheduleAndData;

import static java.util.Objects.requireNonNull;

/** What a recurring instance keeps in its db-scheduler row: its schedule, and its state as its codec wrote it. */
record ScheduledState(Schedule schedule, String state)
        implements ScheduleAndData
{
    ScheduledState
    {
        requireNonNull(schedule, "schedule is null");
        requireNonNull(state, "state is null");
    }

    @Override
    public EngineSchedule getSchedule()
    {
        return new EngineSchedule(schedule);
    }

    @Override
    public String getData()
    {
        return state;
    }
}
