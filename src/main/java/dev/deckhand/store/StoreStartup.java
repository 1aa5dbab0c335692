package dev.deckhand.store;

import com.zaxxer.hikari.HikariDataSource;
import dev.deckhand.config.Secret;
import dev.deckhand.lifecycle.Managed;
import org.flywaydb.core.Flyway;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import static java.util.Objects.requireNonNull;

/** Opens the store at start: one plain connection to probe it, then the pool, then the migrations. Closes the pool at stop. */
final class StoreStartup
        implements Managed
{
    private final StoreConfig config;
    private final HikariDataSource pool;

    StoreStartup(StoreConfig config, HikariDataSource pool)
    {
        this.config = requireNonNull(config, "config is null");
        this.pool = requireNonNull(pool, "pool is null");
    }

    @Override
    public void start()
    {
        // A plain connection fails in milliseconds where the pool would keep retrying.
        try (Connection probe = DriverManager.getConnection(config.url(), config.user().orElse(null), config.password().map(Secret::value).orElse(null))) {
            Flyway.configure()
                    .dataSource(pool)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
        }
        catch (SQLException | RuntimeException e) {
            throw new StoreUnavailableException(config, e);
        }
    }

    @Override
    public void stop()
    {
        pool.close();
    }
}
