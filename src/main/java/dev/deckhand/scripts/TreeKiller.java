package dev.deckhand.scripts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;

import static java.util.Objects.requireNonNull;
import static java.util.concurrent.TimeUnit.MILLISECONDS;

// Stops a process and everything it started: SIGTERM to all now, SIGKILL to survivors after
// the grace. Descendants are listed before the root dies, because once it is gone its
// children are re-parented and can no longer be found from it.
final class TreeKiller
{
    private final ScheduledExecutorService scheduler;
    private final Duration grace;

    TreeKiller(ScheduledExecutorService scheduler, Duration grace)
    {
        this.scheduler = requireNonNull(scheduler, "scheduler is null");
        this.grace = requireNonNull(grace, "grace is null");
    }

    void kill(ProcessHandle root)
    {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(root);
        root.descendants().forEach(tree::add);
        // The root goes first so that it cannot start anything new in reaction to a dying child.
        tree.forEach(ProcessHandle::destroy);
        scheduler.schedule(() -> forceKill(tree), grace.toMillis(), MILLISECONDS);
    }

    private static void forceKill(List<ProcessHandle> tree)
    {
        // Survivors may have started children since the first snapshot.
        Set<ProcessHandle> alive = new LinkedHashSet<>();
        for (ProcessHandle process : tree) {
            if (process.isAlive()) {
                alive.add(process);
                process.descendants().forEach(alive::add);
            }
        }
        alive.forEach(ProcessHandle::destroyForcibly);
    }
}
