package dev.deckhand.interaction;

import dev.deckhand.chat.Chat;
import dev.deckhand.chat.Conversation;
import dev.deckhand.chat.Message;
import dev.deckhand.errors.ErrorTranslator;
import dev.deckhand.lifecycle.Threads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * Runs work after the ack. A failure is translated once and told to the person who asked;
 * nothing escapes to a thread's default handler.
 */
public final class Background
{
    private static final Logger log = LoggerFactory.getLogger(Background.class);

    private final Chat chat;
    private final ErrorTranslator translator;
    private final ExecutorService executor = Executors.newCachedThreadPool(Threads.named("deckhand-work"));
    private final Object lock = new Object();
    private int running;

    public Background(Chat chat, ErrorTranslator translator)
    {
        this.chat = requireNonNull(chat, "chat is null");
        this.translator = requireNonNull(translator, "translator is null");
    }

    /** Runs {@code work}; if it fails, {@code conversation}'s person hears about it privately. */
    public void submit(String what, Conversation conversation, Runnable work)
    {
        synchronized (lock) {
            running++;
        }
        executor.execute(() -> {
            try {
                work.run();
            }
            catch (RuntimeException | Error failure) {
                tell(conversation, Message.text(translator.translate(what, failure).text()));
            }
            finally {
                synchronized (lock) {
                    running--;
                    lock.notifyAll();
                }
            }
        });
    }

    /** Waits until no submitted work is running, or the time is up; true when idle. */
    public boolean awaitIdle(Duration timeout)
    {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (running > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    public void shutdown(Duration grace)
    {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        }
        catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void tell(Conversation conversation, Message message)
    {
        try {
            chat.ephemeral(conversation, message);
        }
        catch (RuntimeException e) {
            log.warn("could not tell {} about a failure: {}", conversation.userId(), e.getMessage());
        }
    }
}
