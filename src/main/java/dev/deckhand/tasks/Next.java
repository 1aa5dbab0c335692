package dev.deckhand.tasks;

import java.time.Duration;
import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * What a one-time task asks for after a run that returned normally: to finish, or to run again
 * later with new state ("poll again in 5 s with this cursor"). A run that throws is retried with
 * backoff instead, with the state it had.
 */
public sealed interface Next<T>
        permits Next.Finish, Next.In, Next.At
{
    /** Done: the instance is removed, and its id may be scheduled again. */
    static <T> Next<T> finish()
    {
        return new Finish<>();
    }

    /** Run again {@code delay} after this run ended, with {@code state}. */
    static <T> Next<T> in(Duration delay, T state)
    {
        return new In<>(delay, state);
    }

    /** Run again at {@code at} (at once if that has passed), with {@code state}. */
    static <T> Next<T> at(Instant at, T state)
    {
        return new At<>(at, state);
    }

    record Finish<T>()
            implements Next<T> {}

    record In<T>(Duration delay, T state)
            implements Next<T>
    {
        public In
        {
            requireNonNull(delay, "delay is null");
            if (delay.isNegative()) {
                throw new IllegalArgumentException("delay is negative: " + delay);
            }
        }
    }

    record At<T>(Instant at, T state)
            implements Next<T>
    {
        public At
        {
            requireNonNull(at, "at is null");
        }
    }
}
