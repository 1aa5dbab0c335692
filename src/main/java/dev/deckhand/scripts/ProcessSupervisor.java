package dev.deckhand.scripts;

import dev.deckhand.scripts.ProcessResult.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import static java.util.Objects.requireNonNull;

// One started process: reads its output into the capture, stops it on request, and decides
// the outcome exactly once, so cancel() and a natural exit cannot both claim the result.
final class ProcessSupervisor
{
    static final int MAX_LINE_CHARS = 64 * 1024;
    static final String ABANDONED_NOTE = "[Deckhand stopped reading: the script ended, but a process it started still holds its output open]";

    private static final Logger log = LoggerFactory.getLogger(ProcessSupervisor.class);

    private final Process process;
    private final OutputCapture capture;
    private final long startedNanos;
    private final TreeKiller killer;
    private final AtomicReference<Outcome> outcome = new AtomicReference<>();
    private final CompletableFuture<Void> reading = new CompletableFuture<>();
    private final CompletableFuture<ProcessResult> completion;
    private boolean abandoned;

    ProcessSupervisor(Process process, OutputCapture capture, long startedNanos, TreeKiller killer)
    {
        this.process = requireNonNull(process, "process is null");
        this.capture = requireNonNull(capture, "capture is null");
        this.startedNanos = startedNanos;
        this.killer = requireNonNull(killer, "killer is null");
        this.completion = process.onExit().thenCombine(reading, (exited, read) -> result());
    }

    CompletableFuture<ProcessResult> completion()
    {
        return completion;
    }

    long pid()
    {
        return process.pid();
    }

    // Runs on its own thread until the output ends or reading is abandoned.
    void read()
    {
        try (LineReader reader = new LineReader(process.getInputStream(), MAX_LINE_CHARS)) {
            for (Optional<String> line = reader.next(); line.isPresent(); line = reader.next()) {
                if (!offer(line.get())) {
                    return;
                }
            }
        }
        catch (IOException | RuntimeException e) {
            if (!isAbandoned()) {
                log.warn("reading the output of pid {} failed", process.pid(), e);
            }
        }
        finally {
            reading.complete(null);
        }
    }

    boolean stop(Outcome reason)
    {
        if (!outcome.compareAndSet(null, reason)) {
            return false;
        }
        killer.kill(process.toHandle());
        return true;
    }

    // Called a grace period after the process exited: whatever still holds the pipe is not
    // ours to wait for (it was orphaned, so it cannot be found to kill either).
    synchronized void abandonReading()
    {
        if (reading.isDone()) {
            return;
        }
        abandoned = true;
        capture.accept(ABANDONED_NOTE);
        log.warn("pid {} ended but its output is still held open by a process it started; stopped reading", process.pid());
        reading.complete(null);
    }

    private synchronized boolean offer(String line)
    {
        if (abandoned) {
            return false;
        }
        capture.accept(line);
        return true;
    }

    private synchronized boolean isAbandoned()
    {
        return abandoned;
    }

    private ProcessResult result()
    {
        Duration duration = Duration.ofNanos(System.nanoTime() - startedNanos);
        outcome.compareAndSet(null, Outcome.EXITED);
        return new ProcessResult(outcome.get(), OptionalInt.of(process.exitValue()), duration, "");
    }
}
