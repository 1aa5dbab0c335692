package dev.deckhand.scripts;

import dev.deckhand.chat.Chat;
import dev.deckhand.chat.MessageRef;
import dev.deckhand.scripts.RunMessages.RunView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * Edits a run's message as output arrives, at most once per tick (one second), and at least
 * every ten seconds so the elapsed time stays honest. After {@link #stop()} it never edits again,
 * so the final message cannot be overwritten by a late tick.
 */
final class LiveUpdates
{
    private static final Logger log = LoggerFactory.getLogger(LiveUpdates.class);
    private static final Duration HEARTBEAT = Duration.ofSeconds(10);

    private final Chat chat;
    private final RunMessages messages;
    private final MessageRef message;
    private final OutputCapture capture;
    private final Clock clock;
    private final Instant started;
    private final RunView view;
    private long shownVersion;
    private Instant shownAt;
    private boolean stopped;

    LiveUpdates(Chat chat, RunMessages messages, MessageRef message, OutputCapture capture, Clock clock, Instant started, RunView view)
    {
        this.chat = requireNonNull(chat, "chat is null");
        this.messages = requireNonNull(messages, "messages is null");
        this.message = requireNonNull(message, "message is null");
        this.capture = requireNonNull(capture, "capture is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.started = requireNonNull(started, "started is null");
        this.view = requireNonNull(view, "view is null");
        this.shownAt = started;
    }

    synchronized void tick()
    {
        Instant now = clock.instant();
        long version = capture.version();
        if (stopped || (version == shownVersion && Duration.between(shownAt, now).compareTo(HEARTBEAT) < 0)) {
            return;
        }
        try {
            chat.update(message, messages.running(view, capture.tail(), Duration.between(started, now)));
            shownVersion = version;
            shownAt = now;
        }
        catch (RuntimeException e) {
            // A missed live edit is harmless: the next tick or the final message catches up.
            log.warn("live update of {} failed: {}", message, e.getMessage());
        }
    }

    synchronized void stop()
    {
        stopped = true;
    }
}
