package dev.deckhand.lifecycle;

/**
 * Something with a running phase (a server, a watcher, a pool of workers). Started in the
 * order bound, stopped in reverse; contributed through a Multibinder.
 */
public interface Managed
{
    void start()
            throws Exception;

    void stop()
            throws Exception;

    /** For a provider that has nothing to run in this setup (a new instance each time: a Multibinder set refuses duplicates). */
    static Managed none()
    {
        return closing(() -> {});
    }

    /** Something with nothing to start that must be closed when Deckhand stops, e.g. a pool or a client. */
    static Managed closing(AutoCloseable resource)
    {
        return new Managed()
        {
            @Override
            public void start() {}

            @Override
            public void stop()
                    throws Exception
            {
                resource.close();
            }
        };
    }
}
