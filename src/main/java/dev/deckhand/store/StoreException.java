package dev.deckhand.store;

import dev.deckhand.errors.ExternalFailure;
import dev.deckhand.text.Bundle;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;

/** The store could not do what was asked; an infrastructure failure, not a user error. People hear it without the SQL detail. */
public class StoreException
        extends ExternalFailure
{
    private static final Bundle BUNDLE = Bundle.of(StoreException.class);

    public StoreException(SQLException cause)
    {
        super("store: " + cause.getMessage(), cause, BUNDLE, Optional.empty(), isUnreachable(cause) ? "store.unreachable" : "store.failed");
    }

    /** True when the database did not answer at all (down, unreachable, or every connection busy), rather than refusing a statement. */
    public boolean isUnreachable()
    {
        return isUnreachable((SQLException) getCause());
    }

    private static boolean isUnreachable(SQLException cause)
    {
        String state = cause.getSQLState() == null ? "" : cause.getSQLState();
        return cause instanceof SQLTransientConnectionException
                || cause instanceof SQLNonTransientConnectionException
                // 08: connection exception; 57P01-03: the server is shutting down or not accepting connections (PostgreSQL).
                || state.startsWith("08")
                || state.startsWith("57P0");
    }

    @Override
    public Optional<String> advice()
    {
        return Optional.of("store.advice");
    }
}
