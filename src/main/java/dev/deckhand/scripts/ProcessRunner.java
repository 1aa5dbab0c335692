package dev.deckhand.scripts;

import dev.deckhand.scripts.ProcessResult.Outcome;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.deckhand.lifecycle.Threads.named;
import static java.util.Objects.requireNonNull;
import static java.util.concurrent.TimeUnit.MILLISECONDS;

// Starts scripts directly (never through a shell), with exactly the environment given,
// stdout and stderr merged, and a watchdog that kills the whole tree at the timeout.
final class ProcessRunner
{
    static final Duration KILL_GRACE = Duration.ofSeconds(2);
    static final Duration DRAIN_GRACE = Duration.ofSeconds(5);

    private static final Pattern OS_ERROR = Pattern.compile("error=\\d+, (.+)|error: \\d+ \\((.+)\\)");

    private final ThreadFactory readers = named("deckhand-script-reader");
    private final ScheduledThreadPoolExecutor watchdog = new ScheduledThreadPoolExecutor(1, named("deckhand-script-watchdog"));
    private final TreeKiller killer;
    private final Duration drainGrace;

    ProcessRunner()
    {
        this(KILL_GRACE, DRAIN_GRACE);
    }

    // drainGrace: how long to keep reading after the process exited; it must outlast the
    // kill grace, or output of a tree being killed could be abandoned before it closes.
    ProcessRunner(Duration killGrace, Duration drainGrace)
    {
        requireNonNull(killGrace, "killGrace is null");
        this.drainGrace = requireNonNull(drainGrace, "drainGrace is null");
        if (drainGrace.compareTo(killGrace) <= 0) {
            throw new IllegalArgumentException("drainGrace must be longer than killGrace");
        }
        watchdog.setRemoveOnCancelPolicy(true);
        // An idle runner holds no thread; the pool starts one again when a timer is set.
        watchdog.setKeepAliveTime(1, TimeUnit.MINUTES);
        watchdog.allowCoreThreadTimeOut(true);
        this.killer = new TreeKiller(watchdog, killGrace);
    }

    /** Stops the watchdog once no run needs it any more (Deckhand is stopping). */
    void shutdown()
    {
        watchdog.shutdownNow();
    }

    RunningProcess start(ProcessSpec spec, OutputCapture capture)
    {
        requireNonNull(spec, "spec is null");
        requireNonNull(capture, "capture is null");
        long started = System.nanoTime();
        Process process;
        try {
            process = builder(spec).start();
        }
        catch (IOException | RuntimeException e) {
            return RunningProcess.failedToStart(failure(spec, e), Duration.ofNanos(System.nanoTime() - started));
        }
        closeInput(process);
        ProcessSupervisor supervisor = new ProcessSupervisor(process, capture, started, killer);
        readers.newThread(supervisor::read).start();
        watch(supervisor, process, spec.timeout());
        return new RunningProcess(supervisor);
    }

    private void watch(ProcessSupervisor supervisor, Process process, Duration timeout)
    {
        ScheduledFuture<?> timer = watchdog.schedule(() -> supervisor.stop(Outcome.TIMED_OUT), timeout.toMillis(), MILLISECONDS);
        process.onExit().thenRun(() -> watchdog.schedule(supervisor::abandonReading, drainGrace.toMillis(), MILLISECONDS));
        supervisor.completion().whenComplete((result, failure) -> timer.cancel(false));
    }

    private static ProcessBuilder builder(ProcessSpec spec)
            throws IOException
    {
        if (!Files.isDirectory(spec.workingDirectory())) {
            throw new IOException("working directory " + spec.workingDirectory() + " does not exist");
        }
        ProcessBuilder builder = new ProcessBuilder(spec.argv())
                .directory(spec.workingDirectory().toFile())
                .redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(spec.environment());
        return builder;
    }

    // The JDK wraps the OS error in "Cannot run program ...: error=2, No such file or directory"
    // (17) or "... Exec failed, error: 2 (No such file or directory)" (25); only the OS words matter.
    private static String failure(ProcessSpec spec, Exception e)
    {
        Throwable reason = e.getCause() != null ? e.getCause() : e;
        String message = reason.getMessage() != null ? reason.getMessage().strip() : reason.getClass().getSimpleName();
        Matcher osError = OS_ERROR.matcher(message);
        if (osError.find()) {
            message = osError.group(1) != null ? osError.group(1) : osError.group(2);
        }
        return "could not start " + spec.program() + ": " + message;
    }

    // Scripts get no input: one that reads stdin sees end-of-file instead of waiting forever.
    private static void closeInput(Process process)
    {
        try {
            process.getOutputStream().close();
        }
        catch (IOException ignored) {
            // nothing was written, so nothing is lost
        }
    }
}
