package dev.deckhand.tasks;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * When recurring work runs: a cron expression in a time zone, or a fixed period. {@link #next} is
 * the one function that decides it. The engine fires at exactly these instants, so "next run"
 * and "expected at" shown to people must come from it too, and then they cannot disagree.
 *
 * <p>Cron takes the five Unix fields: minute, hour, day of month, month, day of week. A field is
 * {@code *}, a number, a range {@code a-b} or a list of these, each optionally stepped with
 * {@code /n}; months and days may be named ({@code JAN}, {@code MON}); Sunday is 0 or 7. When
 * both day fields are restricted, a day matching either runs (Vixie cron).
 *
 * <p>Daylight saving time follows Debian cron. A schedule whose minute and hour fields both name
 * values (neither starts with {@code *}, e.g. {@code 30 2 * * *} or {@code 0 9,17 * * 1-5}) names
 * times on the wall clock:
 * <ul>
 * <li>a time the clocks skip (the spring-forward gap) runs at the first instant after the gap,
 * once even when several of its times fall in the gap: {@code 30 2 * * *} in New York runs at
 * 03:00 EDT on 2025-03-09;</li>
 * <li>a time the clocks show twice (the fall-back overlap) runs once, at its first occurrence:
 * {@code 30 1 * * *} in New York runs at 01:30 EDT on 2025-11-02, not again at 01:30 EST.</li>
 * </ul>
 * Any other schedule ({@code &#42;/30 * * * *}, {@code 15 * * * *}) is a cadence and follows real
 * time: its times inside a gap do not exist and are skipped, and its times inside a repeated hour
 * run in both copies, so it keeps its spacing in elapsed time.
 */
public sealed interface Schedule
        permits Cron, Every
{
    /** The first run strictly after {@code after}. */
    Instant next(Instant after);

    /** A five-field cron expression in {@code zone}; throws {@link IllegalArgumentException} saying which field is wrong. */
    static Schedule cron(String expression, ZoneId zone)
    {
        return Cron.parse(expression, zone);
    }

    /** Runs {@code period} apart: the run after one due at t is due at t + period. */
    static Schedule every(Duration period)
    {
        return new Every(period);
    }
}
