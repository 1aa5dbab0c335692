package dev.deckhand.outbox;

import dev.deckhand.outbox.OutboxEntry.Kind;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * Slack's pace for the outbox: when each channel last got a new message and each message an
 * edit, counted from when Slack answered; and, for the drain's idle wait, when the next entry
 * held back becomes free to go.
 */
final class OutboxPacing
{
    private final Duration postInterval;
    private final Duration editInterval;
    private final Map<String, Instant> lastPost = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastEdit = new ConcurrentHashMap<>();
    private Instant earliestRelease;

    OutboxPacing(Duration postInterval, Duration editInterval)
    {
        this.postInterval = requireNonNull(postInterval, "postInterval is null");
        this.editInterval = requireNonNull(editInterval, "editInterval is null");
    }

    Duration longestInterval()
    {
        return postInterval.compareTo(editInterval) > 0 ? postInterval : editInterval;
    }

    void sent(Kind kind, String channel, String messageKey, Instant at)
    {
        if (kind == Kind.UPDATE) {
            lastEdit.merge(messageKey, at, OutboxPacing::later);
        }
        else if (kind != Kind.EPHEMERAL) {
            lastPost.merge(channel, at, OutboxPacing::later);
        }
    }

    private static Instant later(Instant a, Instant b)
    {
        return a.isAfter(b) ? a : b;
    }

    boolean mayPost(String channel, Instant now)
    {
        return claim(lastPost, channel, now, postInterval);
    }

    boolean mayEdit(String messageKey, Instant now)
    {
        return claim(lastEdit, messageKey, now, editInterval);
    }

    /** Forgets the release times of the last pass. */
    void startPass()
    {
        earliestRelease = null;
    }

    /** How long until an entry held back in the last pass may go, at most {@code idle}. */
    Duration nextRelease(Instant now, Duration idle)
    {
        Instant release = earliestRelease;
        if (release == null || !release.isBefore(now.plus(idle))) {
            return idle;
        }
        return release.isAfter(now) ? Duration.between(now, release) : Duration.ofMillis(1);
    }

    private boolean claim(Map<String, Instant> last, String key, Instant now, Duration interval)
    {
        Instant previous = last.get(key);
        if (previous != null && now.isBefore(previous.plus(interval))) {
            Instant release = previous.plus(interval);
            if (earliestRelease == null || release.isBefore(earliestRelease)) {
                earliestRelease = release;
            }
            return false;
        }
        last.put(key, now);
        if (last.size() > 10_000) {
            last.entrySet().removeIf(entry -> entry.getValue().isBefore(now.minus(interval)));
        }
        return true;
    }
}
