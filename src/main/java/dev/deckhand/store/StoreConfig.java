package dev.deckhand.store;

import dev.deckhand.config.Environment;
import dev.deckhand.config.Secret;

import java.nio.file.Path;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** Where the store lives: an embedded H2 file under ./data unless DECKHAND_DB_URL says otherwise. */
public record StoreConfig(String url, Optional<String> user, Optional<Secret> password)
{
    public StoreConfig
    {
        requireNonNull(url, "url is null");
        requireNonNull(user, "user is null");
        requireNonNull(password, "password is null");
    }

    public static StoreConfig from(Environment environment)
    {
        String defaultUrl = "jdbc:h2:file:" + Path.of("data", "deckhand").toAbsolutePath();
        return new StoreConfig(
                closedByDeckhand(environment.get(Environment.DB_URL).orElse(defaultUrl)),
                environment.get(Environment.DB_USER),
                environment.secret(Environment.DB_PASSWORD));
    }

    /** The console keeps its store in memory unless told otherwise, so it never contends with a running server for the H2 file. */
    public static StoreConfig forConsole(Environment environment)
    {
        String memoryUrl = "jdbc:h2:mem:deckhand-console;DB_CLOSE_DELAY=-1";
        return new StoreConfig(
                closedByDeckhand(environment.get(Environment.DB_URL).orElse(memoryUrl)),
                environment.get(Environment.DB_USER),
                environment.secret(Environment.DB_PASSWORD));
    }

    /** Deckhand closes the store itself, after its last work; H2 must not close it first from its own shutdown hook. */
    private static String closedByDeckhand(String url)
    {
        return url.startsWith("jdbc:h2:") && !url.toUpperCase(java.util.Locale.ROOT).contains("DB_CLOSE_ON_EXIT") ? url + ";DB_CLOSE_ON_EXIT=FALSE" : url;
    }

    /** True when other processes may use the same database: PostgreSQL, or H2 over TCP or with AUTO_SERVER. */
    public boolean isShared()
    {
        String upper = url.toUpperCase(java.util.Locale.ROOT);
        return !upper.startsWith("JDBC:H2:") || upper.startsWith("JDBC:H2:TCP:") || upper.startsWith("JDBC:H2:SSL:") || upper.contains("AUTO_SERVER=TRUE");
    }
}
