package dev.deckhand.slack;

import dev.deckhand.chat.Background;
import dev.deckhand.lifecycle.Managed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/** Forgets handled Slack requests after a day (Slack retries within minutes), so the ledger stays small. */
final class RequestLedgerCleaner
        implements Managed
{
    private static final Logger log = LoggerFactory.getLogger(RequestLedgerCleaner.class);

    private final ProcessedRequests processed;
    private ScheduledExecutorService executor;

    RequestLedgerCleaner(ProcessedRequests processed)
    {
        this.processed = requireNonNull(processed, "processed is null");
    }

    @Override
    public synchronized void start()
    {
        executor = Executors.newSingleThreadScheduledExecutor(Background.named("deckhand-request-ledger"));
        executor.scheduleWithFixedDelay(this::clean, 1, 60, TimeUnit.MINUTES);
    }

    @Override
    public synchronized void stop()
    {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    private void clean()
    {
        try {
            int forgotten = processed.forgetOld();
            log.debug("forgot {} handled Slack requests older than a day", forgotten);
        }
        catch (RuntimeException e) {
            log.warn("could not clean the Slack request ledger: {}", e.getMessage());
        }
    }
}
