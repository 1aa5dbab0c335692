package dev.deckhand.interaction;

import dev.deckhand.store.Jdbc;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static java.util.Objects.requireNonNull;

/** Who opened the App Home tab lately, in the store, so every replica and a restart know whom to republish for. */
final class HomeViewers
{
    private final Jdbc jdbc;
    private final Clock clock;
    private final Duration kept;

    HomeViewers(Jdbc jdbc, Clock clock, Duration kept)
    {
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.kept = requireNonNull(kept, "kept is null");
    }

    void opened(String userId)
    {
        if (jdbc.update("UPDATE home_viewers SET opened_at = ? WHERE user_id = ?", clock.instant(), userId) > 0) {
            return;
        }
        // Another replica may insert the same person at the same moment; either row will do.
        jdbc.insertIfAbsent("INSERT INTO home_viewers (user_id, opened_at) VALUES (?, ?)", userId, clock.instant());
    }

    /** Everyone who opened the tab within the time kept, after forgetting those who did not. */
    List<String> recent()
    {
        jdbc.update("DELETE FROM home_viewers WHERE opened_at < ?", clock.instant().minus(kept));
        return jdbc.query("SELECT user_id FROM home_viewers ORDER BY user_id", row -> row.getString("user_id"));
    }
}
