package dev.deckhand.scripts;

import dev.deckhand.audit.Masker;
import dev.deckhand.scripts.ProcessResult.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

// Stopping: timeouts, cancel, trees that resist, and output held open by orphans.
class ProcessRunnerStopTest
{
    private static final Map<String, String> PATH = Map.of("PATH", "/usr/bin:/bin");
    private static final Duration MINUTE = Duration.ofMinutes(1);

    @TempDir
    Path directory;

    private final List<Long> strays = new ArrayList<>();
    private OutputCapture capture;

    @BeforeEach
    void setUp()
            throws IOException
    {
        capture = new OutputCapture(Masker.tokensOnly(), 100, 1024 * 1024);
    }

    @AfterEach
    void tearDown()
    {
        capture.close();
        strays.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    @Test
    void killsTheWholeTreeAtTheTimeout()
            throws IOException
    {
        RunningProcess running = start(List.of(treeScript("").toString()), PATH, Duration.ofSeconds(1));
        long grandchild = awaitGrandchild();

        ProcessResult result = awaitResult(running);

        assertThat(result.outcome()).isEqualTo(Outcome.TIMED_OUT);
        assertGone(running.pid());
        assertGone(grandchild);
    }

    @Test
    void cancelKillsTheWholeTree()
            throws IOException
    {
        RunningProcess running = start(List.of(treeScript("").toString()), PATH, MINUTE);
        long grandchild = awaitGrandchild();

        assertThat(running.cancel()).isTrue();
        ProcessResult result = awaitResult(running);

        assertThat(result.outcome()).isEqualTo(Outcome.CANCELLED);
        assertThat(running.cancel()).isFalse();
        assertGone(running.pid());
        assertGone(grandchild);
    }

    @Test
    void forceKillsATreeThatIgnoresTerm()
            throws IOException
    {
        // An ignored signal stays ignored in children, so the grandchild ignores SIGTERM too.
        Path script = treeScript("trap '' TERM\n");
        ProcessSpec spec = new ProcessSpec(List.of(script.toString()), directory, PATH, Duration.ofMillis(500));
        RunningProcess running = new ProcessRunner(Duration.ofMillis(300), Duration.ofSeconds(1)).start(spec, capture);
        long grandchild = awaitGrandchild();

        assertThat(awaitResult(running).outcome()).isEqualTo(Outcome.TIMED_OUT);
        assertGone(grandchild);
    }

    @Test
    void cancelAfterExitChangesNothing()
    {
        RunningProcess running = start(List.of("/bin/true"), PATH, MINUTE);
        ProcessResult result = awaitResult(running);

        assertThat(running.cancel()).isFalse();
        assertThat(result.outcome()).isEqualTo(Outcome.EXITED);
    }

    @Test
    void stopsWaitingForOutputHeldOpenAfterTheScriptExited()
    {
        ProcessSpec spec = new ProcessSpec(List.of("/bin/sh", "-c", "sleep 300 & echo $!"), directory, PATH, MINUTE);
        RunningProcess running = new ProcessRunner(Duration.ofMillis(100), Duration.ofMillis(500)).start(spec, capture);
        long orphan = awaitGrandchild();

        ProcessResult result = awaitResult(running);

        assertThat(result.outcome()).isEqualTo(Outcome.EXITED);
        assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive)).as("the run ended while the orphan still ran").contains(true);
        // Two ways out, both without waiting for the orphan: usually the reader is blocked in read() and is abandoned
        // after the grace (with a note); if it is between reads when the script exits, the JDK drains the pipe itself
        // and the reader sees the end of the output.
        assertThat(capture.tail()).first().isEqualTo(String.valueOf(orphan));
        assertThat(capture.tail()).isIn(List.of(String.valueOf(orphan)), List.of(String.valueOf(orphan), ProcessSupervisor.ABANDONED_NOTE));
    }

    private Path treeScript(String prelude)
            throws IOException
    {
        Path script = directory.resolve("tree.sh");
        Files.writeString(script, "#!/bin/sh\n" + prelude + "sleep 300 &\necho $!\nsleep 300\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private long awaitGrandchild()
    {
        await().atMost(Duration.ofSeconds(10)).until(() -> !capture.tail().isEmpty());
        long pid = Long.parseLong(capture.tail().get(0));
        strays.add(pid);
        return pid;
    }

    // A killed orphan stays a zombie until init reaps it, and ProcessHandle.isAlive() counts
    // zombies as alive; some container inits reap slowly or never, so a zombie counts as gone.
    private static void assertGone(long pid)
    {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> ProcessHandle.of(pid).map(process -> !process.isAlive() || isZombie(pid)).orElse(true));
    }

    private static boolean isZombie(long pid)
    {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 1).trim().startsWith("Z");
        }
        catch (IOException e) {
            return true;
        }
    }

    private RunningProcess start(List<String> argv, Map<String, String> environment, Duration timeout)
    {
        return new ProcessRunner().start(new ProcessSpec(argv, directory, environment, timeout), capture);
    }

    private static ProcessResult awaitResult(RunningProcess running)
    {
        await().atMost(Duration.ofSeconds(20)).until(running.completion()::isDone);
        return running.completion().join();
    }
}
