package dev.deckhand.store;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.ProvidesIntoSet;
import dev.deckhand.lifecycle.Managed;
import dev.deckhand.web.HealthCheck;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

import dev.deckhand.config.Secret;

import javax.sql.DataSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

public final class StoreModule
        extends AbstractModule
{
    @Provides
    @Singleton
    static HikariDataSource hikariDataSource(StoreConfig config)
    {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(config.url());
        config.user().ifPresent(hikari::setUsername);
        config.password().ifPresent(password -> hikari.setPassword(password.value()));
        hikari.setPoolName("deckhand-store");
        hikari.setMaximumPoolSize(10);
        // A request waits at most this long for a connection: short enough to tell Slack within its 3 s that the database is down.
        hikari.setConnectionTimeout(2_000);
        // Refuse to start, with the reason, rather than wait silently for a database that is locked or down.
        hikari.setInitializationFailTimeout(1);
        try (Connection probe = DriverManager.getConnection(config.url(), config.user().orElse(null), config.password().map(Secret::value).orElse(null))) {
            // One plain connection first: it fails in milliseconds where the pool would keep retrying.
            return new HikariDataSource(hikari);
        }
        catch (SQLException | RuntimeException e) {
            throw new StoreUnavailableException(config, e);
        }
    }

    @Provides
    @Singleton
    static DataSource dataSource(HikariDataSource dataSource)
    {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        return dataSource;
    }

    @Provides
    @Singleton
    static Jdbc jdbc(DataSource dataSource)
    {
        return new Jdbc(dataSource);
    }

    @ProvidesIntoSet
    static HealthCheck storeHealth(Jdbc jdbc)
    {
        return new HealthCheck()
        {
            @Override
            public String name()
            {
                return "store";
            }

            @Override
            public Status check()
            {
                return jdbc.isReachable() ? new Status(true, "reachable") : new Status(false, "the database does not answer");
            }
        };
    }

    @ProvidesIntoSet
    static Managed closeStore(HikariDataSource pool)
    {
        return Managed.closing(pool);
    }
}
