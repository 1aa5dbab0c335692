package dev.deckhand.outbox;

import dev.deckhand.config.Environment;
import dev.deckhand.config.EnvironmentReader;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * How the outbox paces Slack: at most one post per channel per {@code postInterval}, one edit
 * per message per {@code editInterval}, and how long a message is retried before it is given up.
 * The pacing keeps steady traffic under Slack's limits; tests shorten it.
 */
public record OutboxConfig(Duration postInterval, Duration editInterval, Duration giveUpAfter)
{
    private static final long MAX_INTERVAL_MS = 60_000;

    public OutboxConfig
    {
        requireNonNull(postInterval, "postInterval is null");
        requireNonNull(editInterval, "editInterval is null");
        requireNonNull(giveUpAfter, "giveUpAfter is null");
    }

    public static OutboxConfig from(EnvironmentReader environment)
    {
        return new OutboxConfig(
                environment.millis(Environment.POST_INTERVAL, 1100, MAX_INTERVAL_MS),
                environment.millis(Environment.EDIT_INTERVAL, 1000, MAX_INTERVAL_MS),
                Duration.ofHours(24));
    }
}
