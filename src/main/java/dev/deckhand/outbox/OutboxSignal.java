package dev.deckhand.outbox;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Wakes this replica's outbox delivery as soon as something is queued, instead of at its next poll.
 * Not final: a test replaces the wait with a step of its hand-moved clock, so that the drain's
 * every pause is taken on that clock.
 */
class OutboxSignal
{
    private boolean raised;

    synchronized void raise()
    {
        raised = true;
        notifyAll();
    }

    /** Waits until raised or the time is up; clears the signal. */
    synchronized void await(Duration timeout)
            throws InterruptedException
    {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!raised) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        raised = false;
    }
}
