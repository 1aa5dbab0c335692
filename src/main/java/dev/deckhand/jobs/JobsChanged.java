package dev.deckhand.jobs;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Tells whoever shows the jobs (the App Home board) that something about them changed. */
final class JobsChanged
        implements Runnable
{
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    void listen(Runnable listener)
    {
        listeners.add(listener);
    }

    @Override
    public void run()
    {
        listeners.forEach(Runnable::run);
    }
}
