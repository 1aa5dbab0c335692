package dev.deckhand.interaction;

import dev.deckhand.chat.Chat;
import dev.deckhand.errors.ExternalFailure;
import dev.deckhand.lifecycle.Threads;
import dev.deckhand.store.Jdbc;
import dev.deckhand.text.CurrentLanguage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static java.util.Objects.requireNonNull;

/**
 * The App Home tab: published for a person when they open it, and republished for everyone who
 * opened it lately when a capability says its part {@link #changed()}. The sections are
 * {@link HomeSection}s; who opened the tab is kept in the store, so every replica knows.
 * Publishing is best effort: a failure is logged, and the next open or change tries again.
 */
public final class HomeTab
{
    private static final Logger log = LoggerFactory.getLogger(HomeTab.class);
    /** Changes within this long of the first are shown in one publish per viewer. */
    static final Duration COALESCE = Duration.ofSeconds(5);
    /** Someone who has not opened the tab for this long is no longer republished for. */
    static final Duration VIEWERS_KEPT = Duration.ofDays(30);

    private final HomeView view;
    private final HomeViewers viewers;
    private final Chat chat;
    private final Duration window;
    private final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, Threads.named("deckhand-home"));
    private final AtomicBoolean pending = new AtomicBoolean();

    public HomeTab(Set<HomeSection> sections, Chat chat, Jdbc jdbc, Clock clock, CurrentLanguage language)
    {
        this(sections, chat, jdbc, clock, language, COALESCE);
    }

    HomeTab(Set<HomeSection> sections, Chat chat, Jdbc jdbc, Clock clock, CurrentLanguage language, Duration window)
    {
        this.view = new HomeView(sections, language);
        this.viewers = new HomeViewers(jdbc, clock, VIEWERS_KEPT);
        this.chat = requireNonNull(chat, "chat is null");
        this.window = requireNonNull(window, "window is null");
        // A refresh still waiting at shutdown is dropped: the next open shows the board anyway.
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** {@code userId} opened the tab: publishes it for them now and remembers them as a viewer. Never throws. */
    public void opened(String userId)
    {
        requireNonNull(userId, "userId is null");
        try {
            viewers.opened(userId);
        }
        catch (RuntimeException e) {
            log.warn("could not remember {} as a Home tab viewer: {}", userId, e.getMessage());
        }
        publish(userId);
    }

    /**
     * Something on the board changed: republishes, in the background, for everyone who opened the tab
     * in the last 30 days. Calls within 5 s of the first give one publish per viewer. Never blocks or throws.
     */
    public void changed()
    {
        if (!pending.compareAndSet(false, true)) {
            return;
        }
        try {
            executor.schedule(this::publishAll, window.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (RejectedExecutionException e) {
            pending.set(false);
            log.debug("Home tab not refreshed: Deckhand is stopping");
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

    private void publishAll()
    {
        // Cleared first: a change made while this publish runs gets a publish of its own.
        pending.set(false);
        List<String> users;
        try {
            users = viewers.recent();
        }
        catch (RuntimeException e) {
            log.warn("Home tab not refreshed: could not read its viewers: {}", e.getMessage());
            return;
        }
        users.forEach(this::publish);
    }

    private void publish(String userId)
    {
        try {
            chat.publishHome(userId, view.render(userId));
        }
        catch (ExternalFailure e) {
            log.warn("could not publish the Home tab for {}: {}", userId, e.getMessage());
        }
        catch (RuntimeException e) {
            log.error("could not publish the Home tab for {}", userId, e);
        }
    }
}
