package dev.deckhand.scripts;

import dev.deckhand.scripts.ProcessResult.Outcome;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static java.util.Objects.requireNonNull;

final class RunningProcess
{
    private final Optional<ProcessSupervisor> supervisor;
    private final CompletableFuture<ProcessResult> completion;

    RunningProcess(ProcessSupervisor supervisor)
    {
        this.supervisor = Optional.of(supervisor);
        this.completion = supervisor.completion();
    }

    private RunningProcess(ProcessResult result)
    {
        this.supervisor = Optional.empty();
        this.completion = CompletableFuture.completedFuture(requireNonNull(result, "result is null"));
    }

    static RunningProcess failedToStart(String failure, Duration duration)
    {
        return new RunningProcess(ProcessResult.failedToStart(failure, duration));
    }

    // A copy, so that a caller completing or cancelling it cannot fake the result for others.
    CompletableFuture<ProcessResult> completion()
    {
        return completion.copy();
    }

    boolean cancel()
    {
        return supervisor.map(running -> running.stop(Outcome.CANCELLED)).orElse(false);
    }

    long pid()
    {
        return supervisor.map(ProcessSupervisor::pid).orElse(-1L);
    }
}
