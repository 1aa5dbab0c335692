package dev.deckhand.interaction;

import dev.deckhand.store.Jdbc;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;

import static java.util.Objects.requireNonNull;

/** Which once-per-message buttons were used, in the store, so a double click or a click on another replica acts once. */
public final class ClickClaims
{
    private static final Duration KEEP = Duration.ofDays(30);

    private final Jdbc jdbc;
    private final Clock clock;

    @Inject
    public ClickClaims(Jdbc jdbc, Clock clock)
    {
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** True for the first click to claim {@code key}. */
    public boolean claim(String key, String userId)
    {
        return jdbc.insertIfAbsent("INSERT INTO click_claims (claim_key, user_id, claimed_at) VALUES (?, ?, ?)", key, userId, clock.instant());
    }

    /** Forgets claims older than a month: by then the buttons they guard have long done their work. */
    public int forgetOld()
    {
        return jdbc.update("DELETE FROM click_claims WHERE claimed_at < ?", clock.instant().minus(KEEP));
    }

    /** Gives a claim back, e.g. when the click was refused and someone else may still click. */
    public void release(String key)
    {
        jdbc.update("DELETE FROM click_claims WHERE claim_key = ?", key);
    }
}
