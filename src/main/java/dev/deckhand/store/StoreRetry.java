package dev.deckhand.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * For a step that must not be lost to a database outage, such as recording how a script run
 * ended: while the store does not answer, the step is tried again, less and less often, until
 * it goes through or the thread is interrupted (Deckhand is stopping). A store that answers
 * with an error is not retried.
 */
public final class StoreRetry
{
    private static final Logger log = LoggerFactory.getLogger(StoreRetry.class);
    private static final Duration FIRST_WAIT = Duration.ofSeconds(1);
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(30);

    private StoreRetry() {}

    public static void untilStored(String what, Runnable step)
    {
        untilStored(what, () -> {
            step.run();
            return null;
        });
    }

    /** The same for a step with a result, such as a message posted through the outbox. */
    public static <T> T untilStored(String what, Supplier<T> step)
    {
        Duration wait = FIRST_WAIT;
        for (int attempt = 1; ; attempt++) {
            try {
                T result = step.get();
                if (attempt > 1) {
                    log.info("{}: stored after the database came back", what);
                }
                return result;
            }
            catch (StoreException e) {
                if (!e.isUnreachable()) {
                    throw e;
                }
                if (attempt == 1) {
                    log.warn("{}: the database does not answer; trying again until it does ({})", what, e.getMessage());
                }
                pause(wait, e);
                wait = wait.multipliedBy(2).compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait.multipliedBy(2);
            }
        }
    }

    private static void pause(Duration wait, StoreException failure)
    {
        try {
            Thread.sleep(wait.toMillis());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure;
        }
    }
}
