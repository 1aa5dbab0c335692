package dev.deckhand.outbox;

import dev.deckhand.chat.ChatException;
import dev.deckhand.config.ConfigHolder;
import dev.deckhand.errors.ErrorTranslator;
import dev.deckhand.outbox.OutboxEntry.Kind;
import dev.deckhand.text.Bundle;
import dev.deckhand.text.Text;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * What happens when a delivery fails: a 429 pauses, a transient failure is retried with backoff
 * until {@code giveUpAfter} (then it is a dead letter: logged, counted, and the admins get a
 * direct message once Slack answers again), and a permanent refusal ends the entry at once and
 * is reported once in the log and in /healthz. While entries wait for a retry, one of them is
 * tried at least every {@link #PROBE_INTERVAL}; once Slack takes one it had failed, all of them go.
 */
final class OutboxFailures
{
    private static final Logger log = LoggerFactory.getLogger(OutboxFailures.class);
    private static final Bundle BUNDLE = Bundle.of(OutboxFailures.class);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    /**
     * The longest the outbox goes without trying again while something waits for a retry.
     * <p>
     * Each entry's own backoff doubles up to 5 minutes, so after a long outage the head of a
     * channel could sleep for minutes while Slack was already fine, and everything queued behind
     * it slept too (eight 500s in a row: 256 s). Capping every entry's backoff at this interval
     * would bound that, but it costs a call per waiting entry per interval for as long as an
     * outage lasts (up to a day), and still lets each one wait out its whole interval after
     * Slack is back. So entries keep their own backoff, which makes one message Slack keeps
     * failing cheap and lets it hold up nothing else, and the outbox as a whole tries one of them,
     * the one due soonest, at least this often: about one call per interval for the whole outbox,
     * however many messages wait. The first one Slack takes after failing it shows Slack is back,
     * and every entry held back by failures goes at once. "At once" is no burst: pacing (one
     * post per channel, one edit per message) and order still decide when each goes.
     * <p>
     * 15 s is half of the 30 s by which owed messages must be going out again after an outage,
     * leaving the other half for a paced backlog; a call every 15 s is nothing to Slack.
     */
    static final Duration PROBE_INTERVAL = Duration.ofSeconds(15);

    private final OutboxStore store;
    private final ConfigHolder config;
    private final ErrorTranslator translator;
    private final OutboxConfig tasks;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final Counter deadLetters;
    private final Map<String, String> permanent = new ConcurrentHashMap<>();

    OutboxFailures(OutboxStore store, ConfigHolder config, ErrorTranslator translator, OutboxConfig tasks, Clock clock, MeterRegistry metrics)
    {
        this.store = requireNonNull(store, "store is null");
        this.config = requireNonNull(config, "config is null");
        this.translator = requireNonNull(translator, "translator is null");
        this.tasks = requireNonNull(tasks, "tasks is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.deadLetters = Counter.builder("deckhand.outbox.dead.letters").description("Slack messages given up after retrying for a day").register(metrics);
    }

    /** Settles a failed delivery; returns when delivery as a whole may resume if it must pause. */
    Optional<Instant> handle(OutboxEntry entry, DeliveryException failure)
    {
        Instant now = clock.instant();
        return switch (failure.kind()) {
            case RATE_LIMITED -> {
                Instant resume = now.plus(failure.retryAfter().orElse(Duration.ofSeconds(1)));
                store.rateLimited(entry, resume, failure.error());
                countRetry("rate_limited");
                yield Optional.of(resume);
            }
            case TRANSIENT -> {
                transientFailure(entry, failure, now);
                store.tryOneHeldBy(now, now.plus(PROBE_INTERVAL));
                yield Optional.empty();
            }
            case PERMANENT -> {
                permanentFailure(entry, failure, now);
                yield Optional.empty();
            }
        };
    }

    /** Channels or replies Slack refuses for good, with the error, for /healthz. */
    Map<String, String> permanentProblems()
    {
        return Map.copyOf(permanent);
    }

    /**
     * A delivery went through: where Slack refused before (say, the bot was invited since), it no
     * longer does; and when it is a retry, Slack takes what it failed before, so nothing waits for
     * its own next retry any more.
     */
    void delivered(OutboxEntry entry, boolean retried)
    {
        String where = where(entry);
        if (permanent.remove(where) != null) {
            log.info("Slack accepts deliveries to {} again", where);
        }
        if (retried) {
            int released = store.releaseHeld(clock.instant());
            if (released > 0) {
                log.info("Slack takes deliveries again; {} held back by earlier failures go now", released);
            }
        }
    }

    /**
     * A reply whose parent will never be delivered (refused, given up on, or not known to the
     * outbox) ends as its parent did, with its edits, and says so in the log.
     */
    void orphaned(OutboxEntry reply, Optional<String> parentState, Instant now)
    {
        Optional<String> ended = parentState.filter(state -> state.equals(OutboxStore.FAILED) || state.equals(OutboxStore.DEAD));
        String state = ended.orElse(OutboxStore.FAILED);
        String error = ended.isPresent() ? "its parent was never delivered" : "its parent is not known (forgotten after 30 days, or never queued)";
        store.end(reply, state, error, now);
        store.endEdits(reply.messageKey(), state, "its post was never delivered", now);
        log.warn("not delivering a reply in {}: {} (text: {})", reply.channel(), error, excerpt(reply.text()));
    }

    private void transientFailure(OutboxEntry entry, DeliveryException failure, Instant now)
    {
        if (entry.createdAt().plus(tasks.giveUpAfter()).isAfter(now)) {
            long seconds = Math.min(MAX_BACKOFF.toSeconds(), 1L << Math.min(entry.attempts(), 20));
            retry(entry, now.plusSeconds(seconds), failure, "transient");
            return;
        }
        end(entry, OutboxStore.DEAD, failure, now);
        deadLetters.increment();
        log.error("gave up delivering a {} to {} after {}: {} (text: {})", entry.kind(), entry.channel(), tasks.giveUpAfter(), failure.error(), excerpt(entry.text()));
        for (String admin : config.current().access().admins()) {
            String text = text().get("dead.letter", "channel", entry.channel(), "hours", tasks.giveUpAfter().toHours(), "error", failure.error(),
                    "excerpt", excerpt(entry.text()));
            store.add(UUID.randomUUID().toString(), Kind.POST, admin, text, Optional.empty(), Optional.empty(), Optional.empty(), now);
        }
    }

    private void permanentFailure(OutboxEntry entry, DeliveryException failure, Instant now)
    {
        end(entry, OutboxStore.FAILED, failure, now);
        Counter.builder("deckhand.outbox.failures").description("Slack deliveries refused for good, by error")
                .tag("error", failure.error()).register(metrics).increment();
        String where = where(entry);
        if (permanent.put(where, failure.error()) == null) {
            log.warn("Slack refuses deliveries to {}: {}; not retrying them", where, failure.error());
        }
        if (entry.kind() == Kind.POST && entry.replyUser().isPresent()) {
            String notice = translator.translate(text().get("posting"), ChatException.refused("chat.postMessage", failure.error())).text();
            store.add(UUID.randomUUID().toString(), Kind.EPHEMERAL, entry.channel(), notice, Optional.empty(), entry.replyUrl(), entry.replyUser(), now);
        }
        if (entry.kind() == Kind.UPLOAD) {
            // Those waiting for the file should not look for it in vain.
            // Matched on Slack's error code, never inside its text.
            String advice = failure.error().equals("missing_scope") ? text().get("file.advice.missing_scope") : "";
            String text = text().get("file.refused", "title", entry.text(), "error", failure.error(), "advice", advice);
            store.add(UUID.randomUUID().toString(), Kind.POST, entry.channel(), text, Optional.empty(), Optional.empty(), Optional.empty(), now);
        }
    }

    private Text text()
    {
        return BUNDLE.in(config.current().locale());
    }

    private void end(OutboxEntry entry, String state, DeliveryException failure, Instant now)
    {
        store.end(entry, state, failure.error(), now);
        if (entry.kind() == Kind.POST) {
            store.endEdits(entry.messageKey(), state, "its post was never delivered", now);
        }
    }

    private void retry(OutboxEntry entry, Instant at, DeliveryException failure, String reason)
    {
        store.retryAt(entry, at, failure.error());
        countRetry(reason);
    }

    private void countRetry(String reason)
    {
        Counter.builder("deckhand.outbox.retries").description("Slack deliveries retried, by reason").tag("reason", reason).register(metrics).increment();
    }

    private static String where(OutboxEntry entry)
    {
        return entry.kind() == Kind.EPHEMERAL ? "replies" : entry.channel();
    }

    private static String excerpt(String text)
    {
        return text.length() <= 200 ? text : text.substring(0, 199) + "…";
    }
}
