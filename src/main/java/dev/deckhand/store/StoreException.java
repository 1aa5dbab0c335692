package dev.deckhand.store;

import java.sql.SQLException;

/** The store could not do what was asked; an infrastructure failure, not a user error. */
public class StoreException
        extends RuntimeException
{
    public StoreException(SQLException cause)
    {
        super("store: " + cause.getMessage(), cause);
    }
}
