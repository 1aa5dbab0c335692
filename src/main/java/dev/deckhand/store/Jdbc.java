package dev.deckhand.store;

import javax.sql.DataSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/** Small JDBC helper: parameterised statements, rows mapped by a function, SQL errors unchecked. */
public final class Jdbc
{
    private final DataSource dataSource;
    /** The connection of the transaction this instance runs in, or null for a connection per statement. */
    private final Connection transaction;

    public Jdbc(DataSource dataSource)
    {
        this(dataSource, null);
    }

    private Jdbc(DataSource dataSource, Connection transaction)
    {
        this.dataSource = requireNonNull(dataSource, "dataSource is null");
        this.transaction = transaction;
    }

    public int update(String sql, Object... parameters)
    {
        try (Lease lease = lease();
                PreparedStatement statement = prepare(lease.connection(), sql, parameters)) {
            return statement.executeUpdate();
        }
        catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... parameters)
    {
        try (Lease lease = lease();
                PreparedStatement statement = prepare(lease.connection(), sql, parameters);
                ResultSet resultSet = statement.executeQuery()) {
            List<T> rows = new ArrayList<>();
            while (resultSet.next()) {
                rows.add(mapper.map(resultSet));
            }
            return rows;
        }
        catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /**
     * Runs {@code work} in one transaction: all of its statements take effect or none does.
     * Inside, a failed statement ends the transaction (PostgreSQL), so do not catch and go on.
     */
    public void inTransaction(Consumer<Jdbc> work)
    {
        if (transaction != null) {
            work.accept(this);
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                work.accept(new Jdbc(dataSource, connection));
                connection.commit();
            }
            catch (RuntimeException | SQLException e) {
                connection.rollback();
                throw e;
            }
            finally {
                connection.setAutoCommit(true);
            }
        }
        catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** Runs an INSERT; false, instead of an error, when a row with that key already exists. */
    public boolean insertIfAbsent(String sql, Object... parameters)
    {
        try {
            update(sql, parameters);
            return true;
        }
        catch (StoreException e) {
            if (isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    /** True when the store answers a trivial query within a few seconds. */
    public boolean isReachable()
    {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(3);
        }
        catch (SQLException e) {
            return false;
        }
    }

    public static boolean isUniqueViolation(StoreException e)
    {
        // SQLState class 23 is an integrity constraint violation in both H2 and PostgreSQL.
        String state = e.getCause() instanceof SQLException sql ? sql.getSQLState() : null;
        return state != null && state.startsWith("23");
    }

    public static Instant instant(ResultSet resultSet, String column)
            throws SQLException
    {
        Timestamp timestamp = resultSet.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException
    {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            Object parameter = parameters[i] instanceof Instant instant ? Timestamp.from(instant) : parameters[i];
            statement.setObject(i + 1, parameter);
        }
        return statement;
    }

    private Lease lease()
            throws SQLException
    {
        return transaction != null ? new Lease(transaction, false) : new Lease(dataSource.getConnection(), true);
    }

    /** A connection for one statement: the transaction's (kept open) or a pooled one (given back). */
    private record Lease(Connection connection, boolean owned)
            implements AutoCloseable
    {
        @Override
        public void close()
                throws SQLException
        {
            if (owned) {
                connection.close();
            }
        }
    }

    @FunctionalInterface
    public interface RowMapper<T>
    {
        T map(ResultSet resultSet)
                throws SQLException;
    }
}
