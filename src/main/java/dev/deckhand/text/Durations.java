package dev.deckhand.text;

import java.time.Duration;
import java.util.Locale;

/**
 * A duration as people read it: 3.2s under ten seconds, 42s under two minutes, then 3m 5s. The
 * words come from the caller's bundle ({@code duration.tenths}, {@code duration.seconds},
 * {@code duration.minutes}), so each language writes its own units.
 */
public final class Durations
{
    private Durations() {}

    public static String format(Duration duration, Text words)
    {
        long millis = duration.toMillis();
        if (millis < 10_000) {
            return words.get("duration.tenths", "seconds", String.format(Locale.ROOT, "%.1f", millis / 1000.0));
        }
        long seconds = duration.toSeconds();
        if (seconds < 120) {
            return words.get("duration.seconds", "seconds", seconds);
        }
        return words.get("duration.minutes", "minutes", seconds / 60, "seconds", seconds % 60);
    }
}
