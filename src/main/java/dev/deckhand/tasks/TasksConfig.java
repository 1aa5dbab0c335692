package dev.deckhand.tasks;

import dev.deckhand.config.Environment;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * How often replicas look for due work and how fast they notice a dead one, and how the outbox
 * paces Slack: at most one post per channel per {@code postInterval}, one edit per message per
 * {@code editInterval}. The pacing keeps steady traffic under Slack's limits; tests shorten it.
 */
public record TasksConfig(Duration pollingInterval, Duration heartbeatInterval, Duration postInterval, Duration editInterval, Duration giveUpAfter)
{
    public TasksConfig
    {
        requireNonNull(pollingInterval, "pollingInterval is null");
        requireNonNull(heartbeatInterval, "heartbeatInterval is null");
        requireNonNull(postInterval, "postInterval is null");
        requireNonNull(editInterval, "editInterval is null");
        requireNonNull(giveUpAfter, "giveUpAfter is null");
    }

    public static TasksConfig from(Environment environment)
    {
        return new TasksConfig(
                Duration.ofMillis(500),
                Duration.ofSeconds(2),
                millis(environment, "DECKHAND_OUTBOX_POST_INTERVAL_MS", 1100),
                millis(environment, "DECKHAND_OUTBOX_EDIT_INTERVAL_MS", 1000),
                Duration.ofHours(24));
    }

    private static Duration millis(Environment environment, String name, long defaultMillis)
    {
        String value = environment.get(name).orElse(Long.toString(defaultMillis));
        try {
            return Duration.ofMillis(Long.parseLong(value.trim()));
        }
        catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number of milliseconds, not '" + value + "'");
        }
    }
}
