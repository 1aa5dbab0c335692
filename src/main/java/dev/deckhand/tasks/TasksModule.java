package dev.deckhand.tasks;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.ProvidesIntoSet;
import dev.deckhand.lifecycle.Managed;
import dev.deckhand.store.Jdbc;
import dev.deckhand.store.StoreConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import javax.sql.DataSource;

import java.time.Clock;
import java.util.Set;

/** Durable background work on db-scheduler, and the replicas' heartbeat. */
public final class TasksModule
        extends AbstractModule
{
    @Override
    protected void configure()
    {
        Multibinder.newSetBinder(binder(), TaskDefinition.class);
    }

    @Provides
    @Singleton
    static Instances instances(Jdbc jdbc, InstanceId self, Clock clock, StoreConfig store)
    {
        return new Instances(jdbc, self, clock, store.isShared());
    }

    @Provides
    @Singleton
    static DbSchedulerTasks scheduler(DataSource dataSource, Set<TaskDefinition> definitions, TasksConfig config, InstanceId instance, Jdbc jdbc, Clock clock, MeterRegistry metrics)
    {
        Gauge.builder("deckhand.tasks.lag.seconds", () -> TaskLag.seconds(jdbc, clock))
                .description("How long the most overdue durable task has been waiting").register(metrics);
        return new DbSchedulerTasks(dataSource, definitions, config, instance, clock);
    }

    @Provides
    @Singleton
    static DurableTasks durableTasks(DbSchedulerTasks tasks)
    {
        return tasks;
    }

    @ProvidesIntoSet
    static Managed heartbeat(Instances instances)
    {
        return instances;
    }

    /** Started after the heartbeat; stopped by the outbox's own step first, which needs it to deliver what is left. */
    @ProvidesIntoSet
    static Managed runScheduler(DbSchedulerTasks tasks)
    {
        return tasks;
    }
}
