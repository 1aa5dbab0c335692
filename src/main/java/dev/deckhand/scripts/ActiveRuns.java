package dev.deckhand.scripts;

import dev.deckhand.errors.UserError;
import dev.deckhand.scripts.ScriptRunStore.StoredRun;

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

    ActiveRuns(ScriptRunStore store, String owner, Clock clock)
    {
        this.store = requireNonNull(store, "store is null");
        this.owner = requireNonNull(owner, "owner is null");
        this.clock = requireNonNull(clock, "clock is null");
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
        String who = holders.isEmpty() ? "someone" : "<@" + holders.get(0).requester() + ">";
        long seconds = holders.isEmpty() ? 0 : Duration.between(holders.get(0).started(), clock.instant()).toSeconds();
        return new UserError("`" + run.script().name() + "` is already running: " + who + " started it " + seconds + "s ago"
                + (holders.size() > 1 ? " (and " + (holders.size() - 1) + " more)" : "")
                + ". It allows " + run.script().concurrency() + " at a time; try again when it finishes, or cancel it.");
    }
}
