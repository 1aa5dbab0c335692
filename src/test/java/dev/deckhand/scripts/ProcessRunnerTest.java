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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ProcessRunnerTest
{
    private static final Map<String, String> PATH = Map.of("PATH", "/usr/bin:/bin");
    private static final Duration MINUTE = Duration.ofMinutes(1);

    @TempDir
    Path directory;

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
    }

    @Test
    void capturesExitCodeAndMergedOutputInOrder()
    {
        ProcessResult result = run(List.of("/bin/sh", "-c", "echo one; echo two >&2; echo three"), PATH, MINUTE);

        assertThat(result.outcome()).isEqualTo(Outcome.EXITED);
        assertThat(result.exitCode()).isEqualTo(OptionalInt.of(0));
        assertThat(result.failure()).isEmpty();
        assertThat(result.duration()).isPositive();
        assertThat(capture.tail()).containsExactly("one", "two", "three");
    }

    @Test
    void reportsANonZeroExit()
    {
        ProcessResult result = run(List.of("/bin/sh", "-c", "echo failing; exit 3"), PATH, MINUTE);

        assertThat(result.outcome()).isEqualTo(Outcome.EXITED);
        assertThat(result.exitCode()).isEqualTo(OptionalInt.of(3));
        assertThat(capture.tail()).containsExactly("failing");
    }

    @Test
    void passesArgumentsWithoutAShell()
    {
        run(List.of("/bin/sh", "-c", "for argument; do echo \"[$argument]\"; done", "sh", "a b", "$HOME", ";"), PATH, MINUTE);

        assertThat(capture.tail()).containsExactly("[a b]", "[$HOME]", "[;]");
    }

    @Test
    void replacesTheWholeEnvironment()
    {
        assertThat(System.getenv("PATH")).isNotNull();

        run(List.of("/usr/bin/env"), Map.of("GREETING", "hello"), MINUTE);

        assertThat(capture.tail()).containsExactly("GREETING=hello");
    }

    @Test
    void runsInTheWorkingDirectory()
            throws IOException
    {
        run(List.of("/bin/pwd", "-P"), PATH, MINUTE);

        assertThat(capture.tail()).containsExactly(directory.toRealPath().toString());
    }

    @Test
    void reportsAMissingProgram()
    {
        RunningProcess running = start(List.of(directory.resolve("missing.sh").toString()), PATH, MINUTE);

        assertThat(running.completion()).isDone();
        ProcessResult result = running.completion().join();
        assertThat(result.outcome()).isEqualTo(Outcome.FAILED_TO_START);
        assertThat(result.exitCode()).isEmpty();
        assertThat(result.failure()).isEqualTo("could not start " + directory.resolve("missing.sh") + ": No such file or directory");
        assertThat(running.pid()).isEqualTo(-1);
        assertThat(running.cancel()).isFalse();
    }

    @Test
    void reportsAProgramThatIsNotExecutable()
            throws IOException
    {
        Path script = Files.writeString(directory.resolve("plain.sh"), "#!/bin/sh\necho hi\n");

        ProcessResult result = start(List.of(script.toString()), PATH, MINUTE).completion().join();

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED_TO_START);
        assertThat(result.failure()).isEqualTo("could not start " + script + ": Permission denied");
    }

    @Test
    void reportsAMissingWorkingDirectory()
    {
        Path missing = directory.resolve("gone");
        ProcessSpec spec = new ProcessSpec(List.of("/bin/true"), missing, PATH, MINUTE);

        ProcessResult result = new ProcessRunner().start(spec, capture).completion().join();

        assertThat(result.outcome()).isEqualTo(Outcome.FAILED_TO_START);
        assertThat(result.failure()).isEqualTo("could not start /bin/true: working directory " + missing + " does not exist");
    }

    @Test
    void splitsALongLineWithoutANewline()
    {
        ProcessResult result = run(List.of("/bin/sh", "-c", "head -c 300000 /dev/zero | tr '\\0' x"), PATH, MINUTE);

        assertThat(result.outcome()).isEqualTo(Outcome.EXITED);
        assertThat(capture.lines()).isEqualTo(5);
        assertThat(capture.bytes()).isEqualTo(300_000 + 5);
    }

    @Test
    void keepsMemoryAndFileBoundedForHugeOutput()
    {
        // 64-byte lines keep this fast: masking costs per line, and 17-byte lines take ~8 s here.
        String line = "0123456789abcdef".repeat(4).substring(1);
        int total = 200_000_000;
        RunningProcess running = start(List.of("/bin/sh", "-c", "yes " + line + " | head -c " + total), PATH, MINUTE);

        await().atMost(Duration.ofSeconds(10)).until(running.completion()::isDone);

        assertThat(running.completion().join().exitCode()).isEqualTo(OptionalInt.of(0));
        assertThat(capture.truncated()).isTrue();
        assertThat(capture.tail()).hasSize(100).containsOnly(line);
        assertThat(capture.lines()).isEqualTo(total / 64);
        assertThat(capture.bytes()).isEqualTo(total);
        assertThat(capture.file()).satisfies(file -> assertThat(Files.size(file)).isLessThanOrEqualTo(1024 * 1024));
    }

    private ProcessResult run(List<String> argv, Map<String, String> environment, Duration timeout)
    {
        return awaitResult(start(argv, environment, timeout));
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
