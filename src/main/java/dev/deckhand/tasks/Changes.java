package dev.deckhand.tasks;

import com.github.kagkarlsson.scheduler.ScheduledExecution;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.exceptions.ExecutionException;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceNotFoundException;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

import static java.util.Objects.requireNonNull;

/**
 * Changes to existing instances: cancelling one, or giving a recurring one another schedule or
 * state. A change is applied at once when its instance is idle. db-scheduler refuses to touch a
 * running instance, and the end of the run would overwrite the change anyway, so a change to a
 * running instance waits in a row of its own ({@value #TASK}, one per instance, the latest change
 * replacing the one before) and is applied when the run has ended. Every run of an instance looks
 * there first, so once a change is stored nothing starts on the schedule it replaced, or after a
 * cancel.
 */
final class Changes
{
    static final String TASK = "deckhand-task-changes";
    /** How often a waiting change looks whether the run it waits for has ended. */
    private static final Duration RECHECK = Duration.ofSeconds(1);
    /** A waiting change's own runs take milliseconds: retrying this often for 5 s outlasts one. */
    private static final Duration PAUSE = Duration.ofMillis(50);
    private static final int ATTEMPTS = 100;

    private final Clock clock;

    Changes(Clock clock)
    {
        this.clock = requireNonNull(clock, "clock is null");
    }

    private enum Outcome
    {
        APPLIED,
        RUNNING,
        /** Another replica changed or picked the row between our read and our write: read again. */
        RACED,
    }

    /** Applies {@code change} now, or leaves it waiting for the instance's run to end. */
    void request(SchedulerClient client, Change change)
    {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            if (tryRequest(client, change)) {
                return;
            }
            LockSupport.parkNanos(PAUSE.toNanos());
        }
        throw new IllegalStateException("could not store a change to " + change.task() + " " + change.id() + ": its rows kept changing for " + PAUSE.multipliedBy(ATTEMPTS).toSeconds() + " s");
    }

    private boolean tryRequest(SchedulerClient client, Change change)
    {
        Optional<ScheduledExecution<Object>> waiting = client.getScheduledExecution(TaskInstanceId.of(TASK, change.waitingId()));
        if (waiting.isPresent()) {
            // Behind a change already waiting: applying this one now could let the older one land after it.
            return replace(client, waiting.get(), change);
        }
        Outcome outcome = applyNow(client, change);
        if (outcome == Outcome.RUNNING) {
            return client.scheduleIfNotExists(new TaskInstance<>(TASK, change.waitingId(), change), clock.instant().plus(RECHECK));
        }
        return outcome == Outcome.APPLIED;
    }

    private boolean replace(SchedulerClient client, ScheduledExecution<Object> waiting, Change change)
    {
        if (waiting.isPicked()) {
            return false;
        }
        try {
            return client.reschedule(waiting.getTaskInstance(), clock.instant(), change);
        }
        catch (TaskInstanceCurrentlyExecutingException | TaskInstanceNotFoundException | ExecutionException e) {
            return false;
        }
    }

    /** The change waiting for {@code instance}'s run to end, if any. */
    Optional<Change> waitingFor(SchedulerClient client, TaskInstanceId instance)
    {
        return client.getScheduledExecution(TaskInstanceId.of(TASK, instance.getTaskName() + "/" + instance.getId()))
                .map(execution -> (Change) execution.getData());
    }

    /** The task that applies waiting changes once their instance is idle. */
    Task<Change> task()
    {
        return Tasks.custom(TASK, Change.class)
                .onFailure(new FailureHandler.OnFailureRetryLater<>(RECHECK))
                .execute((instance, context) -> {
                    if (applyNow(context.getSchedulerClient(), instance.getData()) == Outcome.APPLIED) {
                        return (complete, operations) -> operations.remove();
                    }
                    return (complete, operations) -> operations.reschedule(complete, complete.getTimeDone().plus(RECHECK));
                });
    }

    private Outcome applyNow(SchedulerClient client, Change change)
    {
        TaskInstanceId target = TaskInstanceId.of(change.task(), change.id());
        try {
            Optional<ScheduledExecution<Object>> current = client.getScheduledExecution(target);
            return change.recur().isPresent() ? recur(client, target, current, change.recur().get()) : cancel(client, target, current);
        }
        catch (TaskInstanceCurrentlyExecutingException e) {
            return Outcome.RUNNING;
        }
        catch (TaskInstanceNotFoundException | ExecutionException e) {
            return Outcome.RACED;
        }
    }

    private static Outcome cancel(SchedulerClient client, TaskInstanceId target, Optional<ScheduledExecution<Object>> current)
    {
        if (current.isEmpty()) {
            return Outcome.APPLIED;
        }
        if (current.get().isPicked()) {
            return Outcome.RUNNING;
        }
        client.cancel(target);
        return Outcome.APPLIED;
    }

    private Outcome recur(SchedulerClient client, TaskInstanceId target, Optional<ScheduledExecution<Object>> current, ScheduledState wanted)
    {
        Instant now = clock.instant();
        if (current.isEmpty()) {
            boolean added = client.scheduleIfNotExists(new TaskInstance<>(target.getTaskName(), target.getId(), wanted), wanted.schedule().next(now));
            return added ? Outcome.APPLIED : Outcome.RACED;
        }
        ScheduledState existing = (ScheduledState) current.get().getData();
        if (existing.equals(wanted)) {
            return Outcome.APPLIED;
        }
        if (current.get().isPicked()) {
            return Outcome.RUNNING;
        }
        Instant due = existing.schedule().equals(wanted.schedule()) ? current.get().getExecutionTime() : wanted.schedule().next(now);
        client.reschedule(target, due, wanted);
        return Outcome.APPLIED;
    }
}
