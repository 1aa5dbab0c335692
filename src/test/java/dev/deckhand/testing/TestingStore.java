package dev.deckhand.testing;

import com.zaxxer.hikari.HikariDataSource;
import dev.deckhand.store.Jdbc;
import org.flywaydb.core.Flyway;

import java.util.UUID;

/** A migrated store for tests that build objects directly: H2 in memory unless a JDBC URL is given. */
public final class TestingStore
        implements AutoCloseable
{
    private final HikariDataSource dataSource = new HikariDataSource();
    private final Jdbc jdbc;

    public TestingStore()
    {
        this("jdbc:h2:mem:store-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    public TestingStore(String url)
    {
        dataSource.setJdbcUrl(url);
        dataSource.setMaximumPoolSize(4);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = new Jdbc(dataSource);
    }

    public HikariDataSource dataSource()
    {
        return dataSource;
    }

    public Jdbc jdbc()
    {
        return jdbc;
    }

    @Override
    public void close()
    {
        dataSource.close();
    }
}
