package dev.deckhand.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock tests move by hand: standing still, or ({@link #ticking}) running with the system clock from where it was moved to. */
public final class TestingClock
        extends Clock
{
    private volatile Instant now;
    private final boolean ticking;
    private final long startNanos = System.nanoTime();

    public TestingClock(Instant start)
    {
        this(start, false);
    }

    private TestingClock(Instant start, boolean ticking)
    {
        this.now = start;
        this.ticking = ticking;
    }

    /** A clock that runs on from the system's time now; {@link #advance} jumps it ahead, as if that much time had passed. */
    public static TestingClock ticking()
    {
        return new TestingClock(Instant.now(), true);
    }

    /** A clock that runs on with the system clock from {@code start}; {@link #advance} jumps it ahead. */
    public static TestingClock ticking(Instant start)
    {
        return new TestingClock(start, true);
    }

    public void advance(Duration duration)
    {
        now = now.plus(duration);
    }

    @Override
    public Instant instant()
    {
        return ticking ? now.plusNanos(System.nanoTime() - startNanos) : now;
    }

    @Override
    public ZoneId getZone()
    {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone)
    {
        return this;
    }
}
