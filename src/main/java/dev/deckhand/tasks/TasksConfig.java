package dev.deckhand.tasks;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/** How often replicas look for due work and how fast they notice a dead one. */
public record TasksConfig(Duration pollingInterval, Duration heartbeatInterval)
{
    public TasksConfig
    {
        requireNonNull(pollingInterval, "pollingInterval is null");
        requireNonNull(heartbeatInterval, "heartbeatInterval is null");
    }

    public static TasksConfig defaults()
    {
        return new TasksConfig(Duration.ofMillis(500), Duration.ofSeconds(2));
    }
}
