package dev.deckhand.web;

import dev.deckhand.config.Environment;
import dev.deckhand.config.EnvironmentReader;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * Where Jetty listens: {@code DECKHAND_BIND} (every interface unless told) and {@code DECKHAND_PORT}; port 0 picks a free one (tests).
 * {@code DECKHAND_HTTP_IDLE_TIMEOUT_MS} is how long a connection may send nothing, such as a client that sends headers and then stalls.
 */
public record WebConfig(String bind, int port, Duration idleTimeout)
{
    public static final int DEFAULT_PORT = 3000;
    public static final String DEFAULT_BIND = "0.0.0.0";
    /** Slack wants an answer within 3 s, so a body that has not come in 10 s never will in time. */
    public static final long DEFAULT_IDLE_TIMEOUT_MS = 10_000;
    private static final long MAX_IDLE_TIMEOUT_MS = 300_000;

    public WebConfig
    {
        requireNonNull(bind, "bind is null");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
        }
        requireNonNull(idleTimeout, "idleTimeout is null");
    }

    public static WebConfig from(EnvironmentReader environment)
    {
        return new WebConfig(environment.address(Environment.BIND, DEFAULT_BIND), environment.port(Environment.PORT, DEFAULT_PORT),
                environment.millis(Environment.HTTP_IDLE_TIMEOUT, DEFAULT_IDLE_TIMEOUT_MS, MAX_IDLE_TIMEOUT_MS));
    }
}
