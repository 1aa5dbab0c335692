package dev.deckhand.tasks;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.ProvidesIntoSet;
import dev.deckhand.chat.ErrorTranslator;
import dev.deckhand.config.ConfigHolder;
import dev.deckhand.config.Environment;
import dev.deckhand.lifecycle.Managed;
import dev.deckhand.store.Jdbc;
import dev.deckhand.store.StoreConfig;
import dev.deckhand.web.HealthCheck;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import javax.sql.DataSource;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;

/** Durable background work (db-scheduler) and the Slack outbox built on it. */
public final class TasksModule
        extends AbstractModule
{
    @Override
    protected void configure()
    {
        Multibinder.newSetBinder(binder(), TaskDefinition.class);
        bind(OutboxSignal.class).in(Singleton.class);
    }

    @Provides
    @Singleton
    static TasksConfig tasksConfig(Environment environment)
    {
        return TasksConfig.from(environment);
    }

    @Provides
    @Singleton
    static InstanceId instanceId()
    {
        return InstanceId.random();
    }

    @Provides
    @Singleton
    static Instances instances(Jdbc jdbc, InstanceId self, Clock clock, StoreConfig store)
    {
        return new Instances(jdbc, self, clock, store.isShared());
    }

    @Provides
    @Singleton
    static OutboxStore outboxStore(Jdbc jdbc)
    {
        return new OutboxStore(jdbc);
    }

    @Provides
    @Singleton
    static OutboxFailures outboxFailures(OutboxStore store, ConfigHolder config, ErrorTranslator translator, TasksConfig tasks, Clock clock, MeterRegistry metrics)
    {
        return new OutboxFailures(store, config, translator, tasks, clock, metrics);
    }

    @Provides
    @Singleton
    static OutboxDrain outboxDrain(OutboxStore store, ChatTransport transport, OutboxFailures failures, OutboxSignal signal, TasksConfig config, Clock clock, MeterRegistry metrics)
    {
        return new OutboxDrain(store, transport, failures, signal, config, clock, metrics);
    }

    @Provides
    @Singleton
    static Outbox outbox(OutboxStore store, OutboxSignal signal, OutboxFailures failures, Clock clock, MeterRegistry metrics)
    {
        Outbox outbox = new Outbox(store, signal, failures, clock);
        Gauge.builder("deckhand.outbox.depth", outbox, Outbox::depth).description("Slack posts and edits waiting to be delivered").register(metrics);
        return outbox;
    }

    @Provides
    @Singleton
    static DbSchedulerTasks scheduler(DataSource dataSource, Set<TaskDefinition> definitions, TasksConfig config, InstanceId instance, Jdbc jdbc, Clock clock, MeterRegistry metrics)
    {
        Gauge.builder("deckhand.tasks.lag.seconds", () -> TaskLag.seconds(jdbc, clock))
                .description("How long the most overdue durable task has been waiting").register(metrics);
        return new DbSchedulerTasks(dataSource, definitions, config, instance);
    }

    @Provides
    @Singleton
    static DurableTasks durableTasks(DbSchedulerTasks tasks)
    {
        return tasks;
    }

    @ProvidesIntoSet
    static TaskDefinition deliverOutbox(OutboxDrain drain)
    {
        return drain.task();
    }

    @ProvidesIntoSet
    static TaskDefinition forgetSettledMessages(Outbox outbox)
    {
        return outbox.housekeeping();
    }

    @ProvidesIntoSet
    static HealthCheck outboxHealth(Outbox outbox)
    {
        return outbox.health();
    }

    @ProvidesIntoSet
    static Managed heartbeat(Instances instances)
    {
        return instances;
    }

    @ProvidesIntoSet
    static Managed runScheduler(DbSchedulerTasks tasks, OutboxDrain drain, Outbox outbox)
    {
        return new Managed()
        {
            @Override
            public void start()
            {
                tasks.start();
            }

            @Override
            public void stop()
            {
                try {
                    // Work still in flight has queued its last messages by now; give them a bounded time to leave.
                    outbox.awaitEmpty(Duration.ofSeconds(10));
                }
                finally {
                    // Also when the store does not answer: the scheduler's threads must end.
                    drain.stop();
                    tasks.stop();
                }
            }
        };
    }
}
