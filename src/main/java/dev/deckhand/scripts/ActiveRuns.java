package dev.deckhand.scripts;

import dev.deckhand.chat.UserError;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/** The runs in progress on this process; enforces each script's {@code concurrency}. */
final class ActiveRuns
{
    private final Map<String, ScriptRun> runs = new ConcurrentHashMap<>();
    private final Clock clock;

    ActiveRuns(Clock clock)
    {
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Adds the run, or refuses it naming who holds the slots. */
    synchronized void admit(ScriptRun run)
    {
        List<ScriptRun> same = running(run.script().name());
        if (same.size() >= run.script().concurrency()) {
            ScriptRun holder = same.get(0);
            long seconds = Duration.between(holder.started(), clock.instant()).toSeconds();
            throw new UserError("`" + run.script().name() + "` is already running: <@" + holder.requester() + "> started it "
                    + seconds + "s ago" + (same.size() > 1 ? " (and " + (same.size() - 1) + " more)" : "")
                    + ". It allows " + run.script().concurrency() + " at a time; try again when it finishes, or cancel it.");
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

    private List<ScriptRun> running(String script)
    {
        List<ScriptRun> same = new ArrayList<>();
        runs.values().stream().filter(run -> run.script().name().equals(script)).forEach(same::add);
        same.sort((left, right) -> left.started().compareTo(right.started()));
        return same;
    }
}
