package dev.deckhand.scripts;

import dev.deckhand.errors.UserError;
import dev.deckhand.scripts.ScriptRunStore.StoredRun;
import dev.deckhand.text.Text;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * The runs in progress here, and the gate for each script's {@code concurrency}, which holds
 * across replicas because the slots live in the store.
 */
final class ActiveRuns
{
    private final Map<String, ScriptRun> runs = new ConcurrentHashMap<>();
    private final ScriptRunStore store;
    private final String owner;
    private final Clock clock;
    private final ScriptsMessages messages;

    ActiveRuns(ScriptRunStore store, String owner, Clock clock, ScriptsMessages messages)
    {
        this.store = requireNonNull(store, "store is null");
        this.owner = requireNonNull(owner, "owner is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.messages = requireNonNull(messages, "messages is null");
    }

    /** Adds the run, or refuses it naming who holds the slots. */
    void admit(ScriptRun run, String commandText)
    {
        if (!store.admit(run, commandText, owner, run.script().concurrency())) {
            throw busy(run);
        }
        runs.put(run.id(), run);
    }

    void remove(ScriptRun run)
    {
        runs.remove(run.id());
    }

    Optional<ScriptRun> find(String id)
    {
        return Optional.ofNullable(runs.get(id));
    }

    List<ScriptRun> all()
    {
        return List.copyOf(runs.values());
    }

    private UserError busy(ScriptRun run)
    {
        List<StoredRun> holders = store.holders(run.script().name());
        Text text = messages.text();
        String who = holders.isEmpty() ? text.get("run.busy.someone") : text.get("run.busy.who", "user", holders.get(0).requester());
        long seconds = holders.isEmpty() ? 0 : Duration.between(holders.get(0).started(), clock.instant()).toSeconds();
        String more = holders.size() > 1 ? text.get("run.busy.more", "count", holders.size() - 1) : "";
        return new UserError(text.get("run.busy", "script", run.script().name(), "who", who, "seconds", seconds, "more", more,
                "concurrency", run.script().concurrency()));
    }
}
