package dev.deckhand.config;

import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** The process environment, read once; tests pass their own map. {@link EnvironmentReader} checks what Deckhand takes from it. */
public record Environment(Map<String, String> variables)
{
    public static final String CONFIG = "DECKHAND_CONFIG";
    public static final String PORT = "DECKHAND_PORT";
    public static final String BIND = "DECKHAND_BIND";
    public static final String HTTP_IDLE_TIMEOUT = "DECKHAND_HTTP_IDLE_TIMEOUT_MS";
    public static final String DB_URL = "DECKHAND_DB_URL";
    public static final String DB_USER = "DECKHAND_DB_URL_USER";
    public static final String DB_PASSWORD = "DECKHAND_DB_URL_PASSWORD";
    public static final String SIGNING_SECRET = "SLACK_SIGNING_SECRET";
    public static final String BOT_TOKEN = "SLACK_BOT_TOKEN";
    public static final String APP_TOKEN = "SLACK_APP_TOKEN";
    public static final String API_URL = "SLACK_API_URL";
    public static final String LOG_LEVEL = "DECKHAND_LOG_LEVEL";
    public static final String POST_INTERVAL = "DECKHAND_OUTBOX_POST_INTERVAL_MS";
    public static final String EDIT_INTERVAL = "DECKHAND_OUTBOX_EDIT_INTERVAL_MS";
    public static final String HOSTNAME = "HOSTNAME";

    public Environment
    {
        variables = Map.copyOf(requireNonNull(variables, "variables is null"));
    }

    public static Environment system()
    {
        return new Environment(System.getenv());
    }

    /** The value of {@code name}; a blank value counts as not set. */
    public Optional<String> get(String name)
    {
        return Optional.ofNullable(variables.get(name)).filter(value -> !value.isBlank());
    }
}
