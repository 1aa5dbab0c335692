package dev.deckhand.jobs;

import dev.deckhand.config.Secret;
import dev.deckhand.tasks.Schedule;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * One job of the {@code jobs} section, checked. {@code schedule} is empty for a job that only runs
 * when triggered (and is then never missed); {@code shown} is the schedule as written, for people.
 */
public record JobDefinition(
        String name,
        Optional<Schedule> schedule,
        Optional<String> shown,
        ZoneId zone,
        JobRun run,
        Optional<Duration> timeout,
        Duration grace,
        Optional<Duration> maxRuntime,
        Optional<Duration> minRuntime,
        Retries retries,
        int failureTolerance,
        Overlap overlap,
        CatchUp catchUp,
        Optional<String> channel,
        Set<Notify> notifications,
        List<String> allow,
        Optional<Secret> triggerToken,
        Optional<Secret> pingToken)
{
    public JobDefinition
    {
        requireNonNull(name, "name is null");
        requireNonNull(schedule, "schedule is null");
        requireNonNull(shown, "shown is null");
        requireNonNull(zone, "zone is null");
        requireNonNull(run, "run is null");
        requireNonNull(timeout, "timeout is null");
        requireNonNull(grace, "grace is null");
        requireNonNull(maxRuntime, "maxRuntime is null");
        requireNonNull(minRuntime, "minRuntime is null");
        requireNonNull(retries, "retries is null");
        requireNonNull(overlap, "overlap is null");
        requireNonNull(catchUp, "catchUp is null");
        requireNonNull(channel, "channel is null");
        notifications = Set.copyOf(notifications);
        allow = List.copyOf(allow);
        requireNonNull(triggerToken, "triggerToken is null");
        requireNonNull(pingToken, "pingToken is null");
    }

    /** {@code retries: { count, delay }}: a failed run is tried again {@code count} times; only the last attempt alerts. */
    public record Retries(int count, Duration delay)
    {
        public static final Retries NONE = new Retries(0, Duration.ZERO);

        public Retries
        {
            requireNonNull(delay, "delay is null");
        }
    }

    /** {@code overlap}: a run due while one is going is skipped (and the skip reported), or runs beside it. */
    public enum Overlap
    {
        FORBID, ALLOW
    }

    /** {@code catchUp}: after Deckhand was down over a slot, one run for it, or none. */
    public enum CatchUp
    {
        ONCE, SKIP
    }

    /** {@code notify}: what the job's channel hears about. */
    public enum Notify
    {
        FAILURE, RECOVERY, MISSED, SUCCESS
    }
}
