package dev.deckhand.scripts;

import dev.deckhand.app.MainModule;
import dev.deckhand.config.ConfigHolder;
import dev.deckhand.config.ConfigLoader;
import dev.deckhand.config.Environment;
import dev.deckhand.scripts.port.OutputListener;
import dev.deckhand.scripts.port.ScriptExecutor;
import dev.deckhand.scripts.port.ScriptInvocation;
import dev.deckhand.scripts.port.ScriptOutcome;
import dev.deckhand.testing.TestingDeckhand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** A script run for another capability (a job): real processes, the config's scripts, the port's outcome. */
class PortScriptExecutorTest
{
    private static final String CONFIG = """
            timezone: Asia/Seoul
            scripts:
              dir: scripts
              list:
                - name: hello
                  command: [hello.sh, "{name}", "{count}"]
                  params:
                    - { name: name, pattern: "[A-Za-z]{1,10}", default: world }
                    - { name: count, type: int, required: false }
                  env: { GREETING: from-script }
                  allow: [everyone]
                - name: failing
                  command: [failing.sh]
                  allow: [everyone]
                - name: tree
                  command: [tree.sh]
                  timeout: 1s
                  allow: [everyone]
                - name: wait
                  command: [tree.sh]
                  timeout: 5m
                  allow: [everyone]
                - name: secret
                  command: [secret.sh]
                  env: { API_TOKEN: "s3cr3t-value-123" }
                  allow: [everyone]
                - name: flood
                  command: [flood.sh]
                  allow: [everyone]
            """;
    private static final Map<String, String> SCRIPTS = Map.of(
            "hello.sh", """
                    #!/bin/sh
                    touch started.marker
                    echo "hello $1 ${2:-none}"
                    echo "to stderr" >&2
                    echo "greeting=$GREETING job=$DECKHAND_JOB lang=$LANG tz=$TZ"
                    echo "path=$PATH"
                    """,
            "failing.sh", "#!/bin/sh\necho failing\nexit 3\n",
            "tree.sh", "#!/bin/sh\nsleep 60 &\necho $! > child.pid\necho started\nsleep 60\n",
            "secret.sh", "#!/bin/sh\necho \"token is $API_TOKEN\"\necho \"s3cr3t-value-123 again\" >&2\n",
            // 20,000 lines of 64 bytes: 1,280,000 bytes.
            "flood.sh", "#!/bin/sh\nyes 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde | head -n 20000\n");

    @TempDir
    Path directory;

    private final List<Long> strays = new ArrayList<>();
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final OutputListener listener = lines::add;
    private ProcessRunner runner;
    private ConfigHolder config;
    private ScriptExecutor executor;

    @BeforeEach
    void setUp()
            throws IOException
    {
        Path scripts = Files.createDirectories(directory.resolve("scripts"));
        SCRIPTS.forEach((name, body) -> TestingDeckhand.writeScript(scripts.resolve(name), body));
        Path file = Files.writeString(directory.resolve("deckhand.yml"), CONFIG);
        ConfigLoader loader = new ConfigLoader(new Environment(Map.of()), directory, MainModule.sections());
        config = new ConfigHolder(loader, file, loader.load(file));
        runner = new ProcessRunner();
        executor = new PortScriptExecutor(config, runner);
    }

    @AfterEach
    void tearDown()
    {
        strays.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        runner.shutdown();
    }

    @Test
    void runsAScriptWithItsDefaultsAndDeliversEveryLineInOrder()
    {
        ScriptOutcome outcome = executor.run(
                new ScriptInvocation("hello", Map.of(), Map.of("DECKHAND_JOB", "nightly", "GREETING", "from-caller"), Optional.empty()),
                listener);

        List<String> expected = List.of(
                "hello world none",
                "to stderr",
                "greeting=from-script job=nightly lang=C.UTF-8 tz=Asia/Seoul",
                "path=" + ScriptEnvironment.PATH);
        assertThat(lines).containsExactlyElementsOf(expected);
        assertThat(outcome.exitCode()).isEqualTo(OptionalInt.of(0));
        assertThat(outcome.succeeded()).isTrue();
        assertThat(outcome.timedOut()).isFalse();
        assertThat(outcome.interrupted()).isFalse();
        assertThat(outcome.duration()).isPositive();
        assertThat(outcome.tail()).containsExactlyElementsOf(expected);
        assertThat(outcome.output()).isEqualTo(String.join("\n", expected) + "\n");
        assertThat(outcome.truncated()).isFalse();
    }

    @Test
    void passesTheGivenValuesAndLetsTheCallerOverrideTheDefaultEnvironment()
    {
        executor.run(new ScriptInvocation("hello", Map.of("name", "deckhand", "count", "3"), Map.of("LANG", "C"), Optional.empty()), listener);

        assertThat(lines).contains("hello deckhand 3", "greeting=from-script job= lang=C tz=Asia/Seoul");
    }

    @Test
    void reportsANonZeroExitCode()
    {
        ScriptOutcome outcome = executor.run(ScriptInvocation.of("failing", Map.of()), listener);

        assertThat(outcome.exitCode()).isEqualTo(OptionalInt.of(3));
        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.timedOut()).isFalse();
        assertThat(outcome.tail()).containsExactly("failing");
    }

    @Test
    void theTimeoutKillsTheWholeTree()
            throws IOException
    {
        ScriptOutcome outcome = executor.run(ScriptInvocation.of("tree", Map.of()), listener);

        assertThat(outcome.timedOut()).isTrue();
        assertThat(outcome.interrupted()).isFalse();
        assertThat(outcome.exitCode()).isEmpty();
        assertThat(outcome.tail()).containsExactly("started");
        assertGone(childPid());
    }

    @Test
    void theInvocationsTimeoutWinsOverTheScripts()
            throws IOException
    {
        ScriptOutcome outcome = executor.run(new ScriptInvocation("wait", Map.of(), Map.of(), Optional.of(Duration.ofSeconds(1))), listener);

        assertThat(outcome.timedOut()).isTrue();
        assertThat(outcome.duration()).isLessThan(Duration.ofSeconds(30));
        assertGone(childPid());
    }

    @Test
    void secretsOfTheScriptAreMaskedEverywhere()
    {
        ScriptOutcome outcome = executor.run(ScriptInvocation.of("secret", Map.of()), listener);

        assertThat(lines).containsExactly("token is ******", "****** again");
        assertThat(outcome.tail()).containsExactly("token is ******", "****** again");
        assertThat(outcome.output()).isEqualTo("token is ******\n****** again\n").doesNotContain("s3cr3t");
    }

    @Test
    void outputOverOneMebibyteIsCutAtALineBoundary()
    {
        ScriptOutcome outcome = executor.run(ScriptInvocation.of("flood", Map.of()), listener);

        String line = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde";
        int kept = ScriptOutcome.MAX_OUTPUT / (line.length() + 1);
        assertThat(outcome.exitCode()).isEqualTo(OptionalInt.of(0));
        assertThat(outcome.truncated()).isTrue();
        assertThat(outcome.output().getBytes(UTF_8).length).isEqualTo(kept * (line.length() + 1)).isLessThanOrEqualTo(ScriptOutcome.MAX_OUTPUT);
        assertThat(outcome.output()).endsWith(line + "\n");
        assertThat(outcome.tail()).hasSize(ScriptOutcome.TAIL_LINES).containsOnly(line);
        assertThat(lines).as("the listener hears every line, kept or not").hasSize(20_000);
    }

    @Test
    void anUnknownScriptStartsNothing()
    {
        assertThatThrownBy(() -> executor.run(ScriptInvocation.of("nope", Map.of()), listener))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'nope' is not a script");
        assertThat(lines).isEmpty();
    }

    @Test
    void valuesThatDoNotFitStartNothing()
    {
        assertThatThrownBy(() -> executor.run(ScriptInvocation.of("hello", Map.of("name", "x y", "count", "many")), listener))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("name ")
                .hasMessageContaining("count ");
        assertThatThrownBy(() -> executor.run(ScriptInvocation.of("hello", Map.of("colour", "red")), listener))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'colour' is not a parameter of hello");

        assertThat(lines).isEmpty();
        assertThat(directory.resolve("scripts/started.marker")).doesNotExist();
    }

    @Test
    void anInterruptKillsTheTreeAndSaysSo()
            throws Exception
    {
        AtomicReference<Thread> caller = new AtomicReference<>();
        AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
        CompletableFuture<ScriptOutcome> running = CompletableFuture.supplyAsync(() -> {
            caller.set(Thread.currentThread());
            ScriptOutcome outcome = executor.run(ScriptInvocation.of("wait", Map.of()), listener);
            stillInterrupted.set(Thread.interrupted());
            return outcome;
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains("started"));
        long child = childPid();

        caller.get().interrupt();

        ScriptOutcome outcome = running.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(outcome.interrupted()).isTrue();
        assertThat(outcome.timedOut()).isFalse();
        assertThat(outcome.exitCode()).isEmpty();
        assertThat(stillInterrupted.get()).as("the interrupt status is kept for the caller").isTrue();
        assertGone(child);
    }

    @Test
    void anAlreadyInterruptedCallerStartsNothing()
    {
        Thread.currentThread().interrupt();
        ScriptOutcome outcome;
        try {
            outcome = executor.run(ScriptInvocation.of("hello", Map.of()), listener);
        }
        finally {
            assertThat(Thread.interrupted()).as("the interrupt status is kept").isTrue();
        }

        assertThat(outcome.interrupted()).isTrue();
        assertThat(outcome.exitCode()).isEmpty();
        assertThat(lines).isEmpty();
        assertThat(directory.resolve("scripts/started.marker")).doesNotExist();
    }

    @Test
    void aScriptThatCannotStartSaysWhyInItsOutput()
            throws IOException
    {
        Files.setPosixFilePermissions(directory.resolve("scripts/failing.sh"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));

        ScriptOutcome outcome = executor.run(ScriptInvocation.of("failing", Map.of()), listener);

        assertThat(outcome.exitCode()).isEmpty();
        assertThat(outcome.timedOut()).isFalse();
        assertThat(outcome.interrupted()).isFalse();
        assertThat(outcome.succeeded()).isFalse();
        assertThat(lines).singleElement().asString().startsWith("could not start ").contains("failing.sh");
        assertThat(outcome.tail()).isEqualTo(lines);
        assertThat(outcome.output()).isEqualTo(lines.get(0) + "\n");
    }

    @Test
    void eachRunReadsTheConfigInForce()
            throws IOException
    {
        Files.writeString(config.file(), CONFIG.replace("name: failing", "name: renamed"));
        config.reload();

        assertThat(executor.run(ScriptInvocation.of("renamed", Map.of()), listener).exitCode()).isEqualTo(OptionalInt.of(3));
        assertThatThrownBy(() -> executor.run(ScriptInvocation.of("failing", Map.of()), listener)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anInvocationIsChecked()
    {
        assertThatThrownBy(() -> new ScriptInvocation(" ", Map.of(), Map.of(), Optional.empty())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ScriptInvocation("hello", Map.of(), Map.of("A=B", "c"), Optional.empty())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ScriptInvocation("hello", Map.of(), Map.of(), Optional.of(Duration.ZERO))).isInstanceOf(IllegalArgumentException.class);
        Map<String, String> values = new java.util.HashMap<>(Map.of("name", "one"));
        ScriptInvocation invocation = ScriptInvocation.of("hello", values);
        values.put("name", "two");
        assertThat(invocation.values()).containsEntry("name", "one");
    }

    private long childPid()
            throws IOException
    {
        Path file = directory.resolve("scripts/child.pid");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(file) && !Files.readString(file).isBlank());
        long pid = Long.parseLong(Files.readString(file).strip());
        strays.add(pid);
        return pid;
    }

    // A killed orphan stays a zombie until init reaps it, and ProcessHandle.isAlive() counts zombies as alive.
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
}
