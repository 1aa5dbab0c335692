package dev.deckhand.tasks;

import java.time.Duration;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Work contributed through a Multibinder: one-time (run when scheduled, retried with backoff
 * when it throws) or recurring (every {@code every}, once per period across all replicas).
 */
public record TaskDefinition(String name, Optional<Duration> every, Handler handler)
{
    public TaskDefinition
    {
        requireNonNull(name, "name is null");
        requireNonNull(every, "every is null");
        requireNonNull(handler, "handler is null");
    }

    public static TaskDefinition oneTime(String name, Handler handler)
    {
        return new TaskDefinition(name, Optional.empty(), handler);
    }

    public static TaskDefinition recurring(String name, Duration every, Runnable handler)
    {
        return new TaskDefinition(name, Optional.of(every), (id, data) -> handler.run());
    }

    @FunctionalInterface
    public interface Handler
    {
        /** Runs the task; throwing schedules a retry. */
        void run(String id, String data)
                throws Exception;
    }
}
