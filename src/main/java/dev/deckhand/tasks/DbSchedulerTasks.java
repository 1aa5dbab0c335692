package dev.deckhand.tasks;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import dev.deckhand.lifecycle.Managed;

import javax.sql.DataSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/** {@link DurableTasks} on db-scheduler, in the Deckhand store: H2 alone, PostgreSQL for replicas. */
final class DbSchedulerTasks
        implements DurableTasks, Managed
{
    private static final int MAX_RETRIES = 20;

    private final Map<String, OneTimeTask<String>> oneTime = new HashMap<>();
    private final List<Task<?>> known = new ArrayList<>();
    private final List<RecurringTask<Void>> recurring = new ArrayList<>();
    private final DataSource dataSource;
    private final TasksConfig config;
    private final InstanceId instance;
    private Scheduler scheduler;

    DbSchedulerTasks(DataSource dataSource, Set<TaskDefinition> definitions, TasksConfig config, InstanceId instance)
    {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
        this.config = requireNonNull(config, "config is null");
        this.instance = requireNonNull(instance, "instance is null");
        for (TaskDefinition definition : definitions) {
            if (definition.every().isPresent()) {
                recurring.add(recurring(definition));
            }
            else {
                OneTimeTask<String> task = oneTime(definition);
                oneTime.put(definition.name(), task);
                known.add(task);
            }
        }
    }

    @Override
    public void schedule(String task, String id, Instant at, String data)
    {
        OneTimeTask<String> definition = oneTime.get(task);
        if (definition == null) {
            throw new IllegalArgumentException("no one-time task named " + task);
        }
        running().scheduleIfNotExists(definition.instance(id, data), at);
    }

    /** Built here, not in the constructor: db-scheduler asks the database what it is as it is built. */
    @Override
    public synchronized void start()
    {
        scheduler = Scheduler.create(dataSource, known)
                .startTasks(recurring)
                .schedulerName(new SchedulerName.Fixed(instance.value()))
                .pollingInterval(config.pollingInterval())
                .heartbeatInterval(config.heartbeatInterval())
                .missedHeartbeatsLimit(4)
                .threads(4)
                .enableImmediateExecution()
                .alwaysPersistTimestampInUTC()
                .shutdownMaxWait(Duration.ofSeconds(15))
                .build();
        scheduler.start();
    }

    @Override
    public synchronized void stop()
    {
        if (scheduler != null) {
            scheduler.stop();
        }
    }

    private synchronized Scheduler running()
    {
        if (scheduler == null) {
            throw new IllegalStateException("durable tasks are not started yet");
        }
        return scheduler;
    }

    private static RecurringTask<Void> recurring(TaskDefinition definition)
    {
        return Tasks.recurring(definition.name(), Schedules.fixedDelay(definition.every().orElseThrow()))
                .execute((instance, context) -> run(definition, instance.getId(), ""));
    }

    private static OneTimeTask<String> oneTime(TaskDefinition definition)
    {
        FailureHandler<String> backoff = new FailureHandler.ExponentialBackoffFailureHandler<>(Duration.ofSeconds(2), 2.0);
        return Tasks.oneTime(definition.name(), String.class)
                .onFailure(new FailureHandler.MaxRetriesFailureHandler<>(MAX_RETRIES, backoff))
                .execute((instance, context) -> run(definition, instance.getId(), instance.getData()));
    }

    private static void run(TaskDefinition definition, String id, String data)
    {
        try {
            definition.handler().run(id, data);
        }
        catch (RuntimeException e) {
            throw e;
        }
        catch (Exception e) {
            throw new TaskFailedException(definition.name(), e);
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
