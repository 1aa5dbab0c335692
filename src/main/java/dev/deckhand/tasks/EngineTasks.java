package dev.deckhand.tasks;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTaskWithPersistentSchedule;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;

/** The db-scheduler task for each kind of {@link TaskDefinition}. */
final class EngineTasks
{
    private static final int MAX_RETRIES = 20;

    private EngineTasks() {}

    static RecurringTask<Void> recurring(TaskDefinition.Recurring definition)
    {
        return Tasks.recurring(definition.name(), Schedules.fixedDelay(definition.every()))
                .execute((instance, context) -> run(definition.name(), () -> {
                    definition.handler().run();
                    return null;
                }));
    }

    static <T> Task<String> oneTime(TaskDefinition.OneTime<T> definition, Changes changes)
    {
        StateCodec<T> codec = definition.key().codec();
        FailureHandler<String> backoff = new FailureHandler.ExponentialBackoffFailureHandler<>(Duration.ofSeconds(2), 2.0);
        return Tasks.custom(definition.name(), String.class)
                .onFailure(new FailureHandler.MaxRetriesFailureHandler<>(MAX_RETRIES, backoff))
                .execute((instance, context) -> {
                    if (changes.waitingFor(context.getSchedulerClient(), instance).isPresent()) {
                        // A one-time instance's only change is a cancel, asked while it ran or waited to retry.
                        return (complete, operations) -> operations.remove();
                    }
                    Next<T> next = run(definition.name(), () -> definition.handler().run(instance.getId(), codec.decode(instance.getData())));
                    return completion(definition.name(), next, codec);
                });
    }

    private static <T> CompletionHandler<String> completion(String task, Next<T> next, StateCodec<T> codec)
    {
        if (next instanceof Next.In<T> again) {
            String state = codec.encode(again.state());
            return (complete, operations) -> operations.reschedule(complete, complete.getTimeDone().plus(again.delay()), state);
        }
        if (next instanceof Next.At<T> again) {
            String state = codec.encode(again.state());
            return (complete, operations) -> operations.reschedule(complete, again.at(), state);
        }
        if (next instanceof Next.Finish<T>) {
            return (complete, operations) -> operations.remove();
        }
        throw new IllegalStateException(task + " returned no Next; return Next.finish() when it is done");
    }

    static <T> Task<ScheduledState> onSchedule(TaskDefinition.OnSchedule<T> definition, Changes changes)
    {
        return new RecurringTaskWithPersistentSchedule<>(definition.name(), ScheduledState.class)
        {
            @Override
            public CompletionHandler<ScheduledState> execute(TaskInstance<ScheduledState> instance, ExecutionContext context)
            {
                ScheduledState state = instance.getData();
                Optional<Change> waiting = changes.waitingFor(context.getSchedulerClient(), instance);
                if (waiting.isPresent()) {
                    Optional<ScheduledState> wanted = waiting.get().recur();
                    if (wanted.isEmpty() || !wanted.get().schedule().equals(state.schedule())) {
                        return instead(wanted);
                    }
                    // Only the state changed: this run is still due, with the new state.
                    state = wanted.get();
                }
                ScheduledState ran = state;
                Instant due = context.getExecution().getExecutionTime();
                run(definition.name(), () -> {
                    definition.handler().run(instance.getId(), due, definition.key().codec().decode(ran.state()));
                    return null;
                });
                return (complete, operations) -> operations.reschedule(complete, ran.getSchedule().getNextExecutionTime(complete), ran);
            }
        };
    }

    /** A run due on a schedule that was replaced, or of an instance that was cancelled, while it waited: apply that instead. */
    private static CompletionHandler<ScheduledState> instead(Optional<ScheduledState> wanted)
    {
        if (wanted.isEmpty()) {
            return (complete, operations) -> operations.remove();
        }
        return (complete, operations) -> operations.reschedule(complete, wanted.get().schedule().next(complete.getTimeDone()), wanted.get());
    }

    private static <V> V run(String task, Callable<V> work)
    {
        try {
            return work.call();
        }
        catch (RuntimeException e) {
            throw e;
        }
        catch (Exception e) {
            throw new TaskFailedException(task, e);
        }
    }

    /** A task's checked failure, so db-scheduler retries it. */
    static final class TaskFailedException
            extends RuntimeException
    {
        TaskFailedException(String task, Exception cause)
        {
            super(task + " failed: " + cause.getMessage(), cause);
        }
    }
}
