package dev.deckhand.scripts;

import dev.deckhand.audit.Masker;
import dev.deckhand.config.ConfigHolder;
import dev.deckhand.config.DeckhandConfig;
import dev.deckhand.scripts.ProcessResult.Outcome;
import dev.deckhand.scripts.port.OutputListener;
import dev.deckhand.scripts.port.ScriptExecutor;
import dev.deckhand.scripts.port.ScriptInvocation;
import dev.deckhand.scripts.port.ScriptOutcome;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import static java.util.Objects.requireNonNull;

/** Runs scripts for other capabilities with the runner, capture and masking /run uses, without its chat messages, slots or store. */
final class PortScriptExecutor
        implements ScriptExecutor
{
    private final ConfigHolder config;
    private final ProcessRunner runner;

    PortScriptExecutor(ConfigHolder config, ProcessRunner runner)
    {
        this.config = requireNonNull(config, "config is null");
        this.runner = requireNonNull(runner, "runner is null");
    }

    @Override
    public ScriptOutcome run(ScriptInvocation invocation, OutputListener listener)
    {
        requireNonNull(invocation, "invocation is null");
        requireNonNull(listener, "listener is null");
        // Read once per run: a reload between runs applies to the next one, never halfway through.
        DeckhandConfig current = config.current();
        ScriptsConfig scripts = current.section(ScriptsConfig.class);
        List<String> problems = scripts.problems(invocation.script(), invocation.values());
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems) + ".");
        }
        ScriptDefinition script = scripts.find(invocation.script()).orElseThrow();
        Map<String, String> values = withDefaults(script, invocation.values());
        ProcessSpec spec = new ProcessSpec(
                CommandLineBuilder.argv(script, scripts.dir(), values),
                scripts.dir(),
                ScriptEnvironment.of(current.timezone(), invocation.environment(), script),
                invocation.timeout().orElse(script.timeout()));
        try (OutputCapture capture = new OutputCapture(new Masker(script.secretValues()), ScriptOutcome.TAIL_LINES, ScriptOutcome.MAX_OUTPUT, listener::line)) {
            return run(spec, capture);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // The values as ScriptsConfig.problems checked them: a value given, else the param's default.
    private static Map<String, String> withDefaults(ScriptDefinition script, Map<String, String> given)
    {
        Map<String, String> values = new LinkedHashMap<>();
        for (ParamDefinition param : script.params()) {
            String value = given.get(param.name());
            if (value != null) {
                values.put(param.name(), value);
                continue;
            }
            param.defaultValue().ifPresent(defaultValue -> values.put(param.name(), defaultValue));
        }
        return values;
    }

    private ScriptOutcome run(ProcessSpec spec, OutputCapture capture)
            throws IOException
    {
        // A caller already interrupted (Deckhand stopping) would only have the process killed at once.
        if (Thread.currentThread().isInterrupted()) {
            return new ScriptOutcome(OptionalInt.empty(), false, true, Duration.ZERO, List.of(), "", false);
        }
        RunningProcess process = runner.start(spec, capture);
        boolean interrupted = false;
        ProcessResult result;
        try {
            result = await(process.completion());
        }
        catch (InterruptedException e) {
            interrupted = true;
            process.cancel();
            // The kill is bounded (SIGKILL after the grace, reading abandoned after the drain grace), so waiting for it is too.
            result = process.completion().join();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return outcome(result, interrupted, capture);
    }

    // A kill's exit code (143 for SIGTERM) says nothing the outcome does not say better.
    private static ScriptOutcome outcome(ProcessResult result, boolean interrupted, OutputCapture capture)
            throws IOException
    {
        if (result.outcome() == Outcome.FAILED_TO_START) {
            capture.accept(result.failure());
        }
        return new ScriptOutcome(
                result.outcome() == Outcome.EXITED ? result.exitCode() : OptionalInt.empty(),
                result.outcome() == Outcome.TIMED_OUT,
                interrupted,
                result.duration(),
                capture.tail(),
                capture.kept(),
                capture.truncated());
    }

    private static ProcessResult await(CompletableFuture<ProcessResult> completion)
            throws InterruptedException
    {
        try {
            return completion.get();
        }
        catch (ExecutionException e) {
            throw new IllegalStateException("the script's process could not be followed to its end", e.getCause());
        }
    }
}
