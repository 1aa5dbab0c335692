package dev.deckhand.scripts;

import dev.deckhand.chat.Chat;
import dev.deckhand.scripts.ScriptRunStore.StoredRun;
import dev.deckhand.tasks.Instances;
import dev.deckhand.tasks.TaskDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Local processes cannot survive their replica. Runs whose replica stopped proving it is alive
 * are marked interrupted, their slots freed, and their channel message edited to say so; slots that
 * no running run holds are freed too. Runs
 * as a recurring durable task, so one replica does it, right after start and then every few seconds.
 */
final class InterruptedRuns
{
    private static final Logger log = LoggerFactory.getLogger(InterruptedRuns.class);
    static final String TASK = "scripts-interrupted-runs";

    private final ScriptRunStore store;
    private final Instances instances;
    private final Chat chat;
    private final RunMessages messages;
    private final Clock clock;

    InterruptedRuns(ScriptRunStore store, Instances instances, Chat chat, RunMessages messages, Clock clock)
    {
        this.store = requireNonNull(store, "store is null");
        this.instances = requireNonNull(instances, "instances is null");
        this.chat = requireNonNull(chat, "chat is null");
        this.messages = requireNonNull(messages, "messages is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    TaskDefinition task()
    {
        return TaskDefinition.recurring(TASK, Duration.ofSeconds(3), this::sweep);
    }

    void sweep()
    {
        Optional<Set<String>> known = instances.alive();
        if (known.isEmpty()) {
            return;
        }
        int orphaned = store.freeOrphanedSlots();
        if (orphaned > 0) {
            log.warn("freed {} script slot(s) that no running run held", orphaned);
        }
        Set<String> alive = known.get();
        for (StoredRun run : store.running()) {
            if (run.owner().map(alive::contains).orElse(false)) {
                continue;
            }
            if (store.interrupt(run.id(), clock.instant())) {
                log.warn("{} run {} by {} was interrupted: its replica {} is gone", run.script(), run.id(), run.requester(), run.owner().orElse("?"));
                run.message().ifPresent(message -> chat.update(message, messages.interrupted(run.requester(), run.commandText())));
            }
        }
    }
}
