package dev.deckhand.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** The process environment, read once; tests pass their own map. */
public record Environment(Map<String, String> variables)
{
    public static final String CONFIG = "DECKHAND_CONFIG";
    public static final String PORT = "DECKHAND_PORT";
    public static final String DB_URL = "DECKHAND_DB_URL";
    public static final String DB_USER = "DECKHAND_DB_URL_USER";
    public static final String DB_PASSWORD = "DECKHAND_DB_URL_PASSWORD";
    public static final String SIGNING_SECRET = "SLACK_SIGNING_SECRET";
    public static final String BOT_TOKEN = "SLACK_BOT_TOKEN";
    public static final String APP_TOKEN = "SLACK_APP_TOKEN";
    public static final String API_URL = "SLACK_API_URL";

    public Environment
    {
        variables = Map.copyOf(requireNonNull(variables, "variables is null"));
    }

    public static Environment system()
    {
        return new Environment(System.getenv());
    }

    public Optional<String> get(String name)
    {
        return Optional.ofNullable(variables.get(name)).filter(value -> !value.isBlank());
    }

    public Path configFile()
    {
        return Path.of(get(CONFIG).orElse("config/deckhand.yml"));
    }

    public int port()
    {
        String port = get(PORT).orElse("3000");
        try {
            return Integer.parseInt(port.trim());
        }
        catch (NumberFormatException e) {
            throw new IllegalArgumentException(PORT + " must be a port number, not '" + port + "'");
        }
    }

    public String slackApiUrl()
    {
        String url = get(API_URL).orElse("https://slack.com/api/");
        return url.endsWith("/") ? url : url + "/";
    }

    public Optional<Secret> secret(String name)
    {
        return get(name).map(Secret::new);
    }
}
