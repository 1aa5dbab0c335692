package dev.deckhand.store;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.ProvidesIntoSet;
import com.zaxxer.hikari.HikariDataSource;
import dev.deckhand.lifecycle.Managed;
import dev.deckhand.web.HealthCheck;

import javax.sql.DataSource;

/** The store: a pool that connects only once {@link StoreStartup} has probed the database and migrated it. */
public final class StoreModule
        extends AbstractModule
{
    @Provides
    @Singleton
    static HikariDataSource pool(StoreConfig config)
    {
        // The no-argument pool is lazy: no connection and no thread until StoreStartup opens it.
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(config.url());
        config.user().ifPresent(pool::setUsername);
        config.password().ifPresent(password -> pool.setPassword(password.value()));
        pool.setPoolName("deckhand-store");
        pool.setMaximumPoolSize(10);
        // A request waits at most this long for a connection: short enough to tell Slack within its 3 s that the database is down.
        pool.setConnectionTimeout(2_000);
        // Refuse to start, with the reason, rather than wait silently for a database that is locked or down.
        pool.setInitializationFailTimeout(1);
        return pool;
    }

    @Provides
    @Singleton
    static DataSource dataSource(HikariDataSource pool)
    {
        return pool;
    }

    @Provides
    @Singleton
    static Jdbc jdbc(DataSource dataSource)
    {
        return new Jdbc(dataSource);
    }

    /** The first start-up step of every mode; closes the pool last. */
    @ProvidesIntoSet
    static Managed openStore(StoreConfig config, HikariDataSource pool)
    {
        return new StoreStartup(config, pool);
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
}
