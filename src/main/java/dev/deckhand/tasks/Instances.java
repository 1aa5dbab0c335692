package dev.deckhand.tasks;

import dev.deckhand.lifecycle.Managed;
import dev.deckhand.lifecycle.Threads;
import dev.deckhand.store.Jdbc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * The replicas sharing the store, each proving it is alive every few seconds. Work owned by a
 * replica that stopped proving it (a crash, a kill -9) is taken to be interrupted.
 */
public final class Instances
        implements Managed
{
    private static final Logger log = LoggerFactory.getLogger(Instances.class);
    public static final Duration HEARTBEAT = Duration.ofSeconds(2);
    public static final Duration DEAD_AFTER = Duration.ofSeconds(10);

    private final Jdbc jdbc;
    private final InstanceId self;
    private final Clock clock;
    /** False for the embedded H2 file, which one process holds: every other replica in it is gone. */
    private final boolean shared;
    private ScheduledExecutorService executor;
    /** Since when this replica's heartbeats have reached the store without a break; null after one failed. */
    private volatile Instant connectedSince;

    Instances(Jdbc jdbc, InstanceId self, Clock clock, boolean shared)
    {
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
        this.self = requireNonNull(self, "self is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.shared = shared;
    }

    public InstanceId self()
    {
        return self;
    }

    /**
     * Replicas seen within {@link #DEAD_AFTER}, this one always included. Empty until this replica
     * has reached the store for {@link #DEAD_AFTER} without a break (after its start, or after a
     * database outage): until then a peer's silence may be the store's fault, not the peer's.
     * A store only this process can open has no peers: just this replica, at once.
     */
    public Optional<Set<String>> alive()
    {
        if (!shared) {
            return Optional.of(Set.of(self.value()));
        }
        Instant now = clock.instant();
        Instant since = connectedSince;
        if (since == null || since.isAfter(now.minus(DEAD_AFTER))) {
            return Optional.empty();
        }
        Set<String> alive = new HashSet<>(jdbc.query("SELECT id FROM instances WHERE last_seen >= ?", row -> row.getString("id"), now.minus(DEAD_AFTER)));
        alive.add(self.value());
        return Optional.of(Set.copyOf(alive));
    }

    @Override
    public synchronized void start()
    {
        register();
        executor = Executors.newSingleThreadScheduledExecutor(Threads.named("deckhand-heartbeat"));
        executor.scheduleAtFixedRate(this::beat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop()
    {
        if (executor != null) {
            executor.shutdownNow();
            try {
                // A beat still running would put this replica's row back after the delete below.
                executor.awaitTermination(3, TimeUnit.SECONDS);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        jdbc.update("DELETE FROM instances WHERE id = ?", self.value());
    }

    void register()
    {
        Instant now = clock.instant();
        jdbc.update("INSERT INTO instances (id, started_at, last_seen) VALUES (?, ?, ?)", self.value(), now, now);
        connectedSince = now;
    }

    void beat()
    {
        try {
            Instant now = clock.instant();
            // Upsert: a long outage may have let a peer forget this replica's row.
            if (jdbc.update("UPDATE instances SET last_seen = ? WHERE id = ?", now, self.value()) == 0) {
                jdbc.update("INSERT INTO instances (id, started_at, last_seen) VALUES (?, ?, ?)", self.value(), now, now);
            }
            jdbc.update("DELETE FROM instances WHERE last_seen < ?", now.minus(Duration.ofDays(1)));
            if (connectedSince == null) {
                connectedSince = now;
            }
        }
        catch (RuntimeException e) {
            connectedSince = null;
            log.warn("heartbeat failed: {}", e.getMessage());
        }
    }
}
