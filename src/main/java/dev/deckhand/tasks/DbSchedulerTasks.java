package dev.deckhand.tasks;

import com.github.kagkarlsson.scheduler.ScheduledExecution;
import com.github.kagkarlsson.scheduler.ScheduledExecutionsFilter;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.SystemClock;
import com.github.kagkarlsson.scheduler.Waiter;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import dev.deckhand.lifecycle.Managed;

import javax.sql.DataSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/** {@link DurableTasks} on db-scheduler, in the Deckhand store: H2 alone, PostgreSQL for replicas. */
final class DbSchedulerTasks
        implements DurableTasks, Managed
{
    private static final int MAX_ID_LENGTH = 150;

    private final Map<String, TaskDefinition> definitions = new HashMap<>();
    private final List<Task<?>> known = new ArrayList<>();
    private final List<RecurringTask<Void>> recurring = new ArrayList<>();
    private final DataSource dataSource;
    private final TasksConfig config;
    private final InstanceId instance;
    private final Clock clock;
    private final Changes changes;
    private Scheduler scheduler;

    DbSchedulerTasks(DataSource dataSource, Set<TaskDefinition> definitions, TasksConfig config, InstanceId instance, Clock clock)
    {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
        this.config = requireNonNull(config, "config is null");
        this.instance = requireNonNull(instance, "instance is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.changes = new Changes(clock);
        known.add(changes.task());
        definitions.forEach(this::add);
    }

    private void add(TaskDefinition definition)
    {
        if (definition.name().equals(Changes.TASK) || definitions.putIfAbsent(definition.name(), definition) != null) {
            throw new IllegalArgumentException("two durable tasks are named " + definition.name());
        }
        if (definition instanceof TaskDefinition.Recurring every) {
            recurring.add(EngineTasks.recurring(every));
        }
        else if (definition instanceof TaskDefinition.OneTime<?> oneTime) {
            known.add(EngineTasks.oneTime(oneTime, changes));
        }
        else if (definition instanceof TaskDefinition.OnSchedule<?> onSchedule) {
            known.add(EngineTasks.onSchedule(onSchedule, changes));
        }
    }

    @Override
    public <T> boolean schedule(TaskKey<T> key, String id, Instant at, T state)
    {
        requireNonNull(at, "at is null");
        contributed(key, TaskDefinition.OneTime.class);
        Scheduler running = running();
        TaskInstance<String> instance = new TaskInstance<>(key.name(), checked(id), key.codec().encode(state));
        // A cancel still waiting for the previous instance's run would otherwise end this new one.
        if (changes.waitingFor(running, instance).isPresent()) {
            return false;
        }
        return running.scheduleIfNotExists(instance, at);
    }

    @Override
    public <T> void recur(TaskKey<T> key, String id, Schedule schedule, T state)
    {
        requireNonNull(schedule, "schedule is null");
        contributed(key, TaskDefinition.OnSchedule.class);
        changes.request(running(), Change.recur(key.name(), checked(id), new ScheduledState(schedule, key.codec().encode(state))));
    }

    @Override
    public <T> void reconcile(TaskKey<T> key, Map<String, Recurrence<T>> wanted)
    {
        contributed(key, TaskDefinition.OnSchedule.class);
        wanted.forEach((id, recurrence) -> recur(key, id, recurrence.schedule(), recurrence.state()));
        List<String> present = new ArrayList<>();
        // all(): running instances too, which the default filter leaves out.
        running().fetchScheduledExecutionsForTask(key.name(), ScheduledState.class, ScheduledExecutionsFilter.all(),
                execution -> present.add(execution.getTaskInstance().getId()));
        present.stream().filter(id -> !wanted.containsKey(id)).forEach(id -> cancel(key, id));
    }

    @Override
    public boolean cancel(TaskKey<?> key, String id)
    {
        contributed(key, null);
        Scheduler running = running();
        boolean present = running.getScheduledExecution(TaskInstanceId.of(key.name(), checked(id))).isPresent();
        changes.request(running, Change.cancel(key.name(), id));
        return present;
    }

    @Override
    public Optional<Instant> due(TaskKey<?> key, String id)
    {
        contributed(key, null);
        return running().getScheduledExecution(TaskInstanceId.of(key.name(), checked(id))).map(ScheduledExecution::getExecutionTime);
    }

    @Override
    public Map<String, Instant> dues(TaskKey<?> key)
    {
        contributed(key, null);
        Map<String, Instant> dues = new HashMap<>();
        Class<?> data = definitions.get(key.name()) instanceof TaskDefinition.OnSchedule ? ScheduledState.class : String.class;
        running().fetchScheduledExecutionsForTask(key.name(), data, ScheduledExecutionsFilter.all(),
                execution -> dues.put(execution.getTaskInstance().getId(), execution.getExecutionTime()));
        return dues;
    }

    /** Built here, not in the constructor: db-scheduler asks the database what it is as it is built. */
    @Override
    public synchronized void start()
    {
        scheduler = new ClockedBuilder(dataSource, known, clock)
                .startTasks(recurring)
                .schedulerName(new SchedulerName.Fixed(instance.value()))
                .serializer(new TaskData())
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
            throw new IllegalStateException("durable tasks are not started yet: use them from the start() of a Managed bound after the tasks module");
        }
        return scheduler;
    }

    /** Checks that {@code key} was contributed as {@code kind} (one-time or on a schedule when null), with the same codec. */
    private void contributed(TaskKey<?> key, Class<? extends TaskDefinition> kind)
    {
        requireNonNull(key, "key is null");
        TaskDefinition definition = definitions.get(key.name());
        TaskKey<?> contributed = keyOf(definition);
        if (contributed == null || (kind != null && !kind.isInstance(definition))) {
            String what = kind == TaskDefinition.OneTime.class ? "one-time " : kind == TaskDefinition.OnSchedule.class ? "scheduled " : "";
            throw new IllegalArgumentException("no " + what + "task named '" + key.name() + "' was contributed");
        }
        if (!contributed.equals(key)) {
            throw new IllegalArgumentException("task '" + key.name() + "' was contributed with another codec than " + key.codec());
        }
    }

    private static TaskKey<?> keyOf(TaskDefinition definition)
    {
        if (definition instanceof TaskDefinition.OneTime<?> oneTime) {
            return oneTime.key();
        }
        if (definition instanceof TaskDefinition.OnSchedule<?> onSchedule) {
            return onSchedule.key();
        }
        return null;
    }

    private static String checked(String id)
    {
        requireNonNull(id, "id is null");
        if (id.isEmpty() || id.length() > MAX_ID_LENGTH) {
            throw new IllegalArgumentException("an instance id has 1 to " + MAX_ID_LENGTH + " characters, not " + id.length());
        }
        return id;
    }

    /** db-scheduler's builder on Deckhand's clock, which 16.1.0 has no setter for; its poller still waits in real time. */
    private static final class ClockedBuilder
            extends SchedulerBuilder
    {
        ClockedBuilder(DataSource dataSource, List<Task<?>> tasks, Clock clock)
        {
            super(dataSource, tasks);
            this.clock = clock::instant;
        }

        @Override
        public SchedulerBuilder pollingInterval(Duration interval)
        {
            // The waiter loops until its clock has moved on: on a test's clock that stands still it would never return.
            waiter = new Waiter(interval, new SystemClock());
            return this;
        }
    }
}
