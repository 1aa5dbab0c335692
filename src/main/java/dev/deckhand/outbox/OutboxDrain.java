package dev.deckhand.outbox;

import dev.deckhand.outbox.OutboxEntry.Kind;
import dev.deckhand.store.StoreException;
import dev.deckhand.tasks.TaskDefinition;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Delivers the outbox. It runs as one recurring durable task, so exactly one replica delivers
 * at a time: entries of one message go in order (an edit waits for its post), new messages and
 * files appear in a channel in the order they were queued (so a reply in a thread goes after its
 * parent, with the parent's ts looked up as it goes), superseded edits are skipped, posts are
 * paced per channel and edits per message, a 429 pauses everything for its Retry-After, and
 * failures are handled by {@link OutboxFailures}.
 */
final class OutboxDrain
{
    private static final Logger log = LoggerFactory.getLogger(OutboxDrain.class);
    static final String TASK = "slack-outbox";
    /** How long one run delivers before handing back to the scheduler, so a dead replica's turn passes quickly. */
    private static final Duration TURN = Duration.ofSeconds(10);
    private static final Duration IDLE_POLL = Duration.ofMillis(100);
    private static final int BATCH = 200;

    private final OutboxStore store;
    private final ChatTransport transport;
    private final OutboxFailures failures;
    private final OutboxSignal signal;
    private final OutboxPacing pacing;
    private final Clock clock;
    private final Timer latency;
    private volatile boolean stopping;
    private volatile Instant pausedUntil = Instant.EPOCH;

    OutboxDrain(OutboxStore store, ChatTransport transport, OutboxFailures failures, OutboxSignal signal, OutboxConfig config, Clock clock, MeterRegistry metrics)
    {
        this.store = requireNonNull(store, "store is null");
        this.transport = requireNonNull(transport, "transport is null");
        this.failures = requireNonNull(failures, "failures is null");
        this.signal = requireNonNull(signal, "signal is null");
        this.pacing = new OutboxPacing(config.postInterval(), config.editInterval());
        this.clock = requireNonNull(clock, "clock is null");
        this.latency = Timer.builder("deckhand.outbox.delivery.latency")
                .description("Time from queueing a Slack post or edit to its delivery")
                .publishPercentiles(0.5, 0.99)
                .register(metrics);
    }

    TaskDefinition task()
    {
        return TaskDefinition.recurring(TASK, Duration.ofMillis(200), this::run);
    }

    void stop()
    {
        stopping = true;
        signal.raise();
    }

    void run()
    {
        Instant end = clock.instant().plus(TURN);
        takeOver();
        try {
            while (!stopping && clock.instant().isBefore(end)) {
                if (deliverDue() == 0) {
                    // Until the next entry held back by pacing may go, or something new is queued.
                    signal.await(pacing.nextRelease(clock.instant(), IDLE_POLL));
                }
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The previous turn may have been another replica's: pace on from what it delivered, and honour a 429 it met. */
    void takeOver()
    {
        Instant now = clock.instant();
        store.deliveredSince(now.minus(pacing.longestInterval()))
                .forEach(delivery -> pacing.sent(delivery.kind(), delivery.channel(), delivery.messageKey(), delivery.at()));
        store.pausedUntil(now).filter(until -> until.isAfter(pausedUntil)).ifPresent(until -> pausedUntil = until);
    }

    /** One pass over what is due; returns how many entries were delivered or settled. */
    int deliverDue()
    {
        Instant now = clock.instant();
        pacing.startPass();
        if (now.isBefore(pausedUntil)) {
            return 0;
        }
        List<OutboxEntry> due = store.due(now, BATCH);
        if (due.isEmpty()) {
            return 0;
        }
        // Two queries per pass, not two per entry: a backlog of hundreds must not make each pass slow.
        // Heads go stale as this pass delivers; the touched set and pacing keep that on the safe side.
        Map<String, Long> heads = store.heads();
        Map<String, Long> channelHeads = store.channelHeads();
        int settled = 0;
        Set<String> touched = new HashSet<>();
        for (OutboxEntry entry : due) {
            if (stopping || !touched.add(entry.messageKey()) || heads.getOrDefault(entry.messageKey(), -1L) != entry.id()) {
                continue;
            }
            Optional<OutboxEntry> next = prepare(entry, now, channelHeads);
            if (next.isEmpty()) {
                continue;
            }
            if (!attempt(next.get(), entry.attempts() > 0)) {
                break;
            }
            settled++;
        }
        return settled;
    }

    /** The entry to send now for this message, if any: edits need their post and collapse to the newest. */
    private Optional<OutboxEntry> prepare(OutboxEntry entry, Instant now, Map<String, Long> channelHeads)
    {
        if (entry.kind() == Kind.POST || entry.kind() == Kind.UPLOAD) {
            // New messages (a file is one too) appear in a channel in the order they were queued, even when an earlier one is being retried.
            // A reply is queued after its parent in the parent's channel, so this also keeps it behind its parent.
            boolean next = channelHeads.getOrDefault(entry.channel(), -1L) == entry.id();
            return next && parentDelivered(entry, now) && pacing.mayPost(entry.channel(), now) ? Optional.of(entry) : Optional.empty();
        }
        if (entry.kind() == Kind.EPHEMERAL) {
            return Optional.of(entry);
        }
        if (store.deliveredId(entry.messageKey()).isEmpty()) {
            Optional<String> post = store.postState(entry.messageKey());
            if (post.isEmpty()) {
                store.endEdits(entry.messageKey(), OutboxStore.FAILED, "its post is not known (forgotten after 30 days, or never queued)", now);
            }
            else if (!post.get().equals(OutboxStore.PENDING)) {
                store.endEdits(entry.messageKey(), post.get(), "its post was never delivered", now);
            }
            return Optional.empty();
        }
        OutboxEntry latest = store.latestUpdate(entry.messageKey()).orElse(entry);
        if (latest.id() != entry.id()) {
            store.supersede(entry.messageKey(), latest.id(), now);
        }
        return pacing.mayEdit(entry.messageKey(), now) ? Optional.of(latest) : Optional.empty();
    }

    /**
     * Whether a reply's parent has its ts (true for a post that is no reply). A parent still pending
     * is waited for; one that will never be delivered ends the reply the same way.
     */
    private boolean parentDelivered(OutboxEntry entry, Instant now)
    {
        if (entry.parentKey().isEmpty() || store.deliveredId(entry.parentKey().get()).isPresent()) {
            return true;
        }
        Optional<String> parent = store.postState(entry.parentKey().get());
        if (parent.isEmpty() || !parent.get().equals(OutboxStore.PENDING)) {
            failures.orphaned(entry, parent, now);
        }
        return false;
    }

    /** Sends one entry, {@code retried} when its message failed before; false when everything must wait (rate limited). */
    private boolean attempt(OutboxEntry entry, boolean retried)
    {
        try {
            return deliver(entry, retried);
        }
        finally {
            // The pace counts from when Slack answered, not from when the call began: a slow call must not shorten the gap to the next.
            pacing.sent(entry.kind(), entry.channel(), entry.messageKey(), clock.instant());
        }
    }

    private boolean deliver(OutboxEntry entry, boolean retried)
    {
        try {
            Optional<String> messageId = send(entry);
            Instant now = clock.instant();
            store.delivered(entry, messageId, now);
            failures.delivered(entry, retried);
            latency.record(Duration.between(entry.createdAt(), now));
            return true;
        }
        catch (DeliveryException e) {
            return failed(entry, e);
        }
        catch (StoreException e) {
            throw e;
        }
        catch (RuntimeException e) {
            // Not a refusal from Slack but a surprise (a client library bug, a garbled answer): retried like an outage, never in a tight loop.
            log.warn("unexpected failure delivering a {} to {}", entry.kind(), entry.channel(), e);
            return failed(entry, new DeliveryException(DeliveryException.Kind.TRANSIENT, e.toString(), Optional.empty(), e));
        }
    }

    private boolean failed(OutboxEntry entry, DeliveryException failure)
    {
        Optional<Instant> pause = failures.handle(entry, failure);
        pause.ifPresent(until -> pausedUntil = until);
        return pause.isEmpty();
    }

    private Optional<String> send(OutboxEntry entry)
    {
        return switch (entry.kind()) {
            case POST -> Optional.of(entry.parentKey().isEmpty()
                    ? transport.post(entry.channel(), entry.text(), entry.blocks())
                    : transport.postInThread(entry.channel(), store.deliveredId(entry.parentKey().get()).orElseThrow(), entry.text(), entry.blocks()));
            case UPDATE -> {
                transport.update(entry.channel(), store.deliveredId(entry.messageKey()).orElseThrow(), entry.text(), entry.blocks());
                yield Optional.empty();
            }
            case UPLOAD -> {
                OutboxStore.StoredFile file = store.file(entry.messageKey())
                        .orElseThrow(() -> new DeliveryException(DeliveryException.Kind.PERMANENT, "the file to upload is missing", Optional.empty(), null));
                transport.upload(entry.channel(), file.filename(), entry.text(), Gzip.decompress(file.compressed()));
                yield Optional.empty();
            }
            case EPHEMERAL -> {
                if (entry.replyUrl().isPresent()) {
                    transport.reply(entry.replyUrl().get(), entry.text(), entry.blocks());
                }
                else {
                    transport.ephemeral(entry.channel(), entry.replyUser().orElse(""), entry.text(), entry.blocks());
                }
                yield Optional.empty();
            }
        };
    }
}
