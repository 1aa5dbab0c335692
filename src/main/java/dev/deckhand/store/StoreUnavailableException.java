package dev.deckhand.store;

/** The store could not be opened at start-up; the message says where and what to do. */
public class StoreUnavailableException
        extends RuntimeException
{
    public StoreUnavailableException(StoreConfig config, Throwable cause)
    {
        super("could not open the store at " + StoreConfig.withoutParameters(config.url()) + ": " + rootMessage(cause)
                + (config.url().startsWith("jdbc:h2:file:")
                        ? "\nIf another Deckhand is running from this folder, stop it, or give this one its own database with DECKHAND_DB_URL."
                        : "\nCheck that the database is running and DECKHAND_DB_URL, DECKHAND_DB_URL_USER and DECKHAND_DB_URL_PASSWORD are right."),
                cause);
    }

    private static String rootMessage(Throwable failure)
    {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
