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
}
