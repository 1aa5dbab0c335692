package dev.deckhand.tasks;

import dev.deckhand.chat.Background;
import dev.deckhand.lifecycle.Managed;
import dev.deckhand.store.Jdbc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
    private ScheduledExecutorService executor;

    Instances(Jdbc jdbc, InstanceId self, Clock clock)
    {
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
        this.self = requireNonNull(self, "self is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public InstanceId self()
    {
        return self;
    }

    /** Replicas seen within {@link #DEAD_AFTER}, this one included. */
    public Set<String> alive()
    {
        Instant since = clock.instant().minus(DEAD_AFTER);
        return Set.copyOf(jdbc.query("SELECT id FROM instances WHERE last_seen >= ?", row -> row.getString("id"), since));
    }

    @Override
    public synchronized void start()
    {
        Instant now = clock.instant();
        jdbc.update("INSERT INTO instances (id, started_at, last_seen) VALUES (?, ?, ?)", self.value(), now, now);
        executor = Executors.newSingleThreadScheduledExecutor(Background.named("deckhand-heartbeat"));
        executor.scheduleAtFixedRate(this::beat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop()
    {
        if (executor != null) {
            executor.shutdownNow();
        }
        jdbc.update("DELETE FROM instances WHERE id = ?", self.value());
    }

    private void beat()
    {
        try {
            Instant now = clock.instant();
            jdbc.update("UPDATE instances SET last_seen = ? WHERE id = ?", now, self.value());
            jdbc.update("DELETE FROM instances WHERE last_seen < ?", now.minus(Duration.ofDays(1)));
        }
        catch (RuntimeException e) {
            log.warn("heartbeat failed: {}", e.getMessage());
        }
    }
}
