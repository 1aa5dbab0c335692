package dev.deckhand.tasks;

import java.time.Duration;
import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * Work contributed through a Multibinder, of three kinds. Each runs once per due time across all
 * replicas.
 * <ul>
 * <li>{@link #oneTime}: an instance runs when {@link DurableTasks#schedule scheduled}, then
 * finishes or runs again with new state, as its {@link Next} says; a throw retries the same
 * state with backoff.</li>
 * <li>{@link #onSchedule}: each instance recurs on a {@link Schedule} of its own; instances are
 * added, changed and removed at runtime ({@link DurableTasks#recur}, {@link DurableTasks#cancel});
 * a throw is logged and the instance waits for its next run.</li>
 * <li>{@link #recurring}: one instance that Deckhand starts itself, {@code every} after its
 * previous run ended.</li>
 * </ul>
 */
public sealed interface TaskDefinition
        permits TaskDefinition.OneTime, TaskDefinition.OnSchedule, TaskDefinition.Recurring
{
    String name();

    static <T> TaskDefinition oneTime(TaskKey<T> key, OneTimeHandler<T> handler)
    {
        return new OneTime<>(key, handler);
    }

    static <T> TaskDefinition onSchedule(TaskKey<T> key, ScheduledHandler<T> handler)
    {
        return new OnSchedule<>(key, handler);
    }

    static TaskDefinition recurring(String name, Duration every, Runnable handler)
    {
        return new Recurring(name, every, handler);
    }

    record OneTime<T>(TaskKey<T> key, OneTimeHandler<T> handler)
            implements TaskDefinition
    {
        public OneTime
        {
            requireNonNull(key, "key is null");
            requireNonNull(handler, "handler is null");
        }

        @Override
        public String name()
        {
            return key.name();
        }
    }

    record OnSchedule<T>(TaskKey<T> key, ScheduledHandler<T> handler)
            implements TaskDefinition
    {
        public OnSchedule
        {
            requireNonNull(key, "key is null");
            requireNonNull(handler, "handler is null");
        }

        @Override
        public String name()
        {
            return key.name();
        }
    }

    record Recurring(String name, Duration every, Runnable handler)
            implements TaskDefinition
    {
        public Recurring
        {
            requireNonNull(name, "name is null");
            requireNonNull(every, "every is null");
            requireNonNull(handler, "handler is null");
        }
    }

    @FunctionalInterface
    interface OneTimeHandler<T>
    {
        /** Runs instance {@code id}; returns what comes next; throwing retries it. */
        Next<T> run(String id, T state)
                throws Exception;
    }

    @FunctionalInterface
    interface ScheduledHandler<T>
    {
        /** Runs instance {@code id} for the run its schedule made due at {@code due} (in the past when the run is late). */
        void run(String id, Instant due, T state)
                throws Exception;
    }
}
