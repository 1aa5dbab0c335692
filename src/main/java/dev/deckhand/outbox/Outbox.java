package dev.deckhand.outbox;

import dev.deckhand.chat.Chat;
import dev.deckhand.store.StoreException;
import dev.deckhand.tasks.TaskDefinition;
import dev.deckhand.text.Language;
import dev.deckhand.web.HealthCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** The Slack outbox as the rest of Deckhand sees it: a {@link Chat} that queues, and its state. */
public final class Outbox
{
    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    static final String HOUSEKEEPING_TASK = "outbox-housekeeping";
    /** Delivered entries are kept a day, to look into; failed ones, and the ids edits need, a month. */
    static final Duration KEEP_DELIVERED = Duration.ofDays(1);
    static final Duration KEEP_FAILED = Duration.ofDays(30);

    private final OutboxStore store;
    private final OutboxSignal signal;
    private final OutboxFailures failures;
    private final Clock clock;

    Outbox(OutboxStore store, OutboxSignal signal, OutboxFailures failures, Clock clock)
    {
        this.store = requireNonNull(store, "store is null");
        this.signal = requireNonNull(signal, "signal is null");
        this.failures = requireNonNull(failures, "failures is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** A Chat whose posts, edits, replies and uploads go through the outbox over {@code transport}; forms go to {@code direct}. */
    public Chat chat(ChatTransport transport, Chat direct)
    {
        return new OutboxChat(store, transport, direct, signal, clock);
    }

    public long depth()
    {
        return store.depth();
    }

    /**
     * Waits, up to {@code timeout}, for the outbox to empty; used when stopping. Entries that
     * will not be tried before then (Slack is down and they are backing off) are not waited for.
     */
    public boolean awaitEmpty(Duration timeout)
    {
        Instant deadline = clock.instant().plus(timeout);
        try {
            while (store.dueBefore(deadline) > 0 && clock.instant().isBefore(deadline)) {
                signal.raise();
                synchronized (this) {
                    wait(100);
                }
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long left = store.depth();
        if (left > 0) {
            log.warn("stopping with {} Slack messages still queued; they will be delivered when Deckhand (or another replica) runs again", left);
        }
        return left == 0;
    }

    /** Forgets settled entries, hourly, so the outbox tables stay small. */
    TaskDefinition housekeeping()
    {
        return TaskDefinition.recurring(HOUSEKEEPING_TASK, Duration.ofHours(1), () -> {
            Instant now = clock.instant();
            int forgotten = store.forget(now.minus(KEEP_DELIVERED), now.minus(KEEP_FAILED));
            log.debug("forgot {} settled outbox rows", forgotten);
        });
    }

    HealthCheck health()
    {
        return new HealthCheck()
        {
            @Override
            public String name()
            {
                return "outbox";
            }

            @Override
            public Status check()
            {
                return new Status(true, describe());
            }
        };
    }

    private String describe()
    {
        try {
            long depth = store.depth();
            Optional<Instant> oldest = store.oldestPending();
            Map<String, String> refused = failures.permanentProblems();
            String age = oldest.map(at -> ", oldest queued " + Duration.between(at, clock.instant()).toSeconds() + "s ago").orElse("");
            String problems = refused.isEmpty() ? "" : "; Slack refuses " + refused;
            return depth + " queued" + age + problems;
        }
        catch (StoreException e) {
            // The store's own check says it is down; this one only says what it cannot see.
            // /healthz is read by operators and load balancers: in English, like the log.
            return "unknown: " + e.bundle().in(Language.EN).get(e.explanation(), e.arguments());
        }
    }
}
