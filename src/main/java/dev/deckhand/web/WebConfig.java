package dev.deckhand.web;

import dev.deckhand.config.Environment;
import dev.deckhand.config.EnvironmentReader;

import static java.util.Objects.requireNonNull;

/** Where Jetty listens: {@code DECKHAND_BIND} (every interface unless told) and {@code DECKHAND_PORT}; port 0 picks a free one (tests). */
public record WebConfig(String bind, int port)
{
    public static final int DEFAULT_PORT = 3000;
    public static final String DEFAULT_BIND = "0.0.0.0";

    public WebConfig
    {
        requireNonNull(bind, "bind is null");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
        }
    }

    public static WebConfig from(EnvironmentReader environment)
    {
        return new WebConfig(environment.address(Environment.BIND, DEFAULT_BIND), environment.port(Environment.PORT, DEFAULT_PORT));
    }
}
