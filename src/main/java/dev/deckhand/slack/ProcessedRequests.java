package dev.deckhand.slack;

import dev.deckhand.store.Jdbc;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;

import static java.util.Objects.requireNonNull;

/**
 * Remembers which Slack requests were already handled, in the store, so a retry or a
 * double delivery does its work once even across a restart or on another replica.
 */
public final class ProcessedRequests
{
    private static final Duration KEEP = Duration.ofDays(1);

    private final Jdbc jdbc;
    private final Clock clock;

    @Inject
    public ProcessedRequests(Jdbc jdbc, Clock clock)
    {
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** True the first time this exact request body is seen. */
    public boolean firstTime(String body)
    {
        return jdbc.insertIfAbsent("INSERT INTO processed_requests (request_key, received_at) VALUES (?, ?)", sha256(body), clock.instant());
    }

    public int forgetOld()
    {
        return jdbc.update("DELETE FROM processed_requests WHERE received_at < ?", clock.instant().minus(KEEP));
    }

    private static String sha256(String body)
    {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
