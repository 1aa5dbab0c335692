package dev.deckhand.store;

import dev.deckhand.config.Environment;
import dev.deckhand.config.EnvironmentReader;
import dev.deckhand.config.Secret;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** Where the store lives: an embedded H2 file under ./data unless DECKHAND_DB_URL says otherwise. */
public record StoreConfig(String url, Optional<String> user, Optional<Secret> password)
{
    private static final String CONSOLE_URL = "jdbc:h2:mem:deckhand-console;DB_CLOSE_DELAY=-1";

    public StoreConfig
    {
        requireNonNull(url, "url is null");
        requireNonNull(user, "user is null");
        requireNonNull(password, "password is null");
    }

    /** For {@code serve}: the H2 file {@code ./data/deckhand} by default. */
    public static StoreConfig from(EnvironmentReader environment)
    {
        return read(environment, "jdbc:h2:file:" + Path.of("data", "deckhand").toAbsolutePath());
    }

    /** The console keeps its store in memory unless told otherwise, so it never contends with a running server for the H2 file. */
    public static StoreConfig forConsole(EnvironmentReader environment)
    {
        return read(environment, CONSOLE_URL);
    }

    private static StoreConfig read(EnvironmentReader environment, String defaultUrl)
    {
        String url = environment.text(Environment.DB_URL).orElse(defaultUrl);
        if (!usable(url)) {
            environment.problem(Environment.DB_URL, "'" + withoutParameters(url) + "' is not a JDBC URL Deckhand can use;"
                    + " write jdbc:postgresql://host:5432/deckhand, or jdbc:h2:file:/path/to/deckhand for the embedded store");
            url = defaultUrl;
        }
        return new StoreConfig(closedByDeckhand(url), environment.text(Environment.DB_USER), environment.secret(Environment.DB_PASSWORD));
    }

    /** PostgreSQL as its driver parses it, or H2 (file, memory or server); checked without connecting. */
    static boolean usable(String url)
    {
        if (url.startsWith("jdbc:postgresql:")) {
            return org.postgresql.Driver.parseURL(url, null) != null;
        }
        return url.matches("jdbc:h2:(file:|mem:|tcp://|ssl://|zip:)?[^\\s;]+(;[^\\s]*)?");
    }

    /** Deckhand closes the store itself, after its last work; H2 must not close it first from its own shutdown hook. */
    private static String closedByDeckhand(String url)
    {
        return url.startsWith("jdbc:h2:") && !url.toUpperCase(Locale.ROOT).contains("DB_CLOSE_ON_EXIT") ? url + ";DB_CLOSE_ON_EXIT=FALSE" : url;
    }

    /** The URL without its parameters, which may hold a password: for messages. */
    static String withoutParameters(String url)
    {
        int query = url.indexOf('?');
        int semicolon = url.indexOf(';');
        int cut = query < 0 ? semicolon : semicolon < 0 ? query : Math.min(query, semicolon);
        return cut < 0 ? url : url.substring(0, cut);
    }

    /** True when other processes may use the same database: PostgreSQL, or H2 over TCP or with AUTO_SERVER. */
    public boolean isShared()
    {
        String upper = url.toUpperCase(Locale.ROOT);
        return !upper.startsWith("JDBC:H2:") || upper.startsWith("JDBC:H2:TCP:") || upper.startsWith("JDBC:H2:SSL:") || upper.contains("AUTO_SERVER=TRUE");
    }
}
