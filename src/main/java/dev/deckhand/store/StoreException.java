package dev.deckhand.store;

import dev.deckhand.errors.ExternalFailure;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;

/** The store could not do what was asked; an infrastructure failure, not a user error. */
public class StoreException
        extends ExternalFailure
{
    public StoreException(SQLException cause)
    {
        super("store: " + cause.getMessage(), cause);
    }

    /** True when the database did not answer at all (down, unreachable, or every connection busy), rather than refusing a statement. */
    public boolean isUnreachable()
    {
        SQLException cause = (SQLException) getCause();
        String state = cause.getSQLState() == null ? "" : cause.getSQLState();
        return cause instanceof SQLTransientConnectionException
                || cause instanceof SQLNonTransientConnectionException
                // 08: connection exception; 57P01-03: the server is shutting down or not accepting connections (PostgreSQL).
                || state.startsWith("08")
                || state.startsWith("57P0");
    }

    @Override
    public String forPeople()
    {
        return isUnreachable() ? "Deckhand's database does not answer" : "Deckhand's database could not do it";
    }

    @Override
    public Optional<String> advice()
    {
        return Optional.of("Try again in a minute; if it lasts, tell an admin (Deckhand's `/healthz` shows the store).");
    }
}
