package dev.deckhand.scripts;

import dev.deckhand.audit.Masker;
import dev.deckhand.chat.Chat;
import dev.deckhand.chat.ChatException;
import dev.deckhand.chat.Conversation;
import dev.deckhand.chat.Message;
import dev.deckhand.chat.MessageRef;
import dev.deckhand.config.ConfigHolder;
import dev.deckhand.interaction.Background;
import dev.deckhand.scripts.RunMessages.RunView;
import dev.deckhand.store.StoreRetry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/** Runs scripts: admits a run, posts its message, streams output into it, and reports how it ended. */
final class RunService
{
    private static final Logger log = LoggerFactory.getLogger(RunService.class);
    static final int TAIL_LINES = 200;
    static final long MAX_OUTPUT_FILE = 64L * 1024 * 1024;

    private final ConfigHolder config;
    private final Chat chat;
    private final Background background;
    private final ProcessRunner runner;
    private final ActiveRuns active;
    private final ScriptRunStore store;
    private final ScheduledExecutorService ticker;
    private final MeterRegistry metrics;
    private final Clock clock;
    private final ScriptsMessages text;
    private final RunMessages messages;

    RunService(ConfigHolder config, Chat chat, Background background, ProcessRunner runner, ActiveRuns active,
            ScriptRunStore store, ScheduledExecutorService ticker, MeterRegistry metrics, Clock clock, ScriptsMessages text)
    {
        this.config = requireNonNull(config, "config is null");
        this.chat = requireNonNull(chat, "chat is null");
        this.background = requireNonNull(background, "background is null");
        this.runner = requireNonNull(runner, "runner is null");
        this.active = requireNonNull(active, "active is null");
        this.store = requireNonNull(store, "store is null");
        this.ticker = requireNonNull(ticker, "ticker is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.text = requireNonNull(text, "text is null");
        this.messages = new RunMessages(text);
    }

    /** Admits the run (or throws a hint naming who holds it) and starts it after the ack. */
    void start(ScriptDefinition script, Map<String, String> values, Conversation conversation)
    {
        ScriptRun run = new ScriptRun(UUID.randomUUID().toString(), script, values, conversation, clock.instant());
        active.admit(run, commandText(run));
        try {
            background.submit(text.text().get("run.starting", "script", script.name()), conversation, () -> execute(run));
        }
        catch (RuntimeException e) {
            active.remove(run);
            store.finished(run.id(), RunStatus.FAILED, java.util.OptionalInt.empty(), clock.instant());
            throw e;
        }
    }

    ActiveRuns active()
    {
        return active;
    }

    ScriptRunStore store()
    {
        return store;
    }

    private static String commandText(ScriptRun run)
    {
        return new Masker(run.script().secretValues()).mask(RunMessages.commandText(run.script().name(), run.values()));
    }

    private void execute(ScriptRun run)
    {
        Masker masker = new Masker(run.script().secretValues());
        RunView view = RunView.of(run, commandText(run));
        try (OutputCapture capture = new OutputCapture(masker, TAIL_LINES, MAX_OUTPUT_FILE)) {
            // The run was accepted: a database outage as it starts delays its message and its process, it does not drop them.
            MessageRef message = StoreRetry.untilStored("the first message of run " + run.id(),
                    () -> chat.post(run.conversation().channelId(), messages.running(view, List.of(), Duration.ZERO), run.conversation()));
            run.message(message);
            StoreRetry.untilStored("the message of run " + run.id(), () -> store.message(run, message));
            ProcessResult result = runAndWatch(run, view, capture, message);
            finish(run, RunView.of(run, view.commandText()), result, capture, message);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (RuntimeException | Error e) {
            Instant failed = clock.instant();
            StoreRetry.untilStored("the failure of run " + run.id(), () -> store.finished(run.id(), RunStatus.FAILED, java.util.OptionalInt.empty(), failed));
            throw e;
        }
        finally {
            active.remove(run);
        }
    }

    private ProcessResult runAndWatch(ScriptRun run, RunView view, OutputCapture capture, MessageRef message)
    {
        RunningProcess process = runner.start(spec(run), capture);
        run.process(process);
        if (run.cancelledBy().isPresent()) {
            process.cancel();
        }
        LiveUpdates updates = new LiveUpdates(chat, messages, message, capture, clock, run.started(), view);
        ScheduledFuture<?> ticking = ticker.scheduleAtFixedRate(() -> {
            updates.tick();
            cancelIfAsked(run);
        }, 1, 1, TimeUnit.SECONDS);
        try {
            return process.completion().join();
        }
        finally {
            ticking.cancel(false);
            updates.stop();
        }
    }

    private void finish(ScriptRun run, RunView view, ProcessResult result, OutputCapture capture, MessageRef message)
    {
        capture.finish();
        List<String> tail = capture.tail();
        boolean upload = needsUpload(capture, tail);
        if (upload) {
            StoreRetry.untilStored("the output file of run " + run.id(), () -> upload(run, capture));
        }
        // The end of a run is owed to the channel and frees the script's slot: a database outage only delays it.
        StoreRetry.untilStored("the final message of run " + run.id(), () -> chat.update(message, messages.finished(view, result, tail, upload)));
        RunStatus outcome = RunStatus.of(result);
        Timer.builder("deckhand.script.runs").description("Script runs by script and outcome")
                .tag("script", run.script().name()).tag("outcome", outcome.tag())
                .register(metrics).record(result.duration());
        Instant ended = clock.instant();
        StoreRetry.untilStored("the end of run " + run.id(), () -> store.finished(run.id(), outcome, result.exitCode(), ended));
        log.info("{} run {} by {} ended: {}", run.script().name(), run.id(), run.requester(), outcome.tag());
    }

    private void upload(ScriptRun run, OutputCapture capture)
    {
        String filename = run.script().name() + "-" + run.id().substring(0, 8) + ".log";
        try {
            chat.upload(run.conversation().channelId(), filename, text.text().get("output.title", "script", run.script().name(), "lines", capture.lines()), capture.file());
        }
        catch (ChatException e) {
            log.warn("could not upload the output of run {}: {}", run.id(), e.getMessage());
            chat.post(run.conversation().channelId(), Message.text(text.text().get("output.not.uploaded", "script", run.script().name(), "reason", e.getMessage())));
        }
    }

    /** A Cancel clicked on another replica reaches this one through the store. */
    private void cancelIfAsked(ScriptRun run)
    {
        try {
            store.cancelRequestedBy(run.id()).ifPresent(run::cancel);
        }
        catch (RuntimeException e) {
            log.warn("could not check run {} for a cancel request: {}", run.id(), e.getMessage());
        }
    }

    static boolean needsUpload(OutputCapture capture, List<String> tail)
    {
        List<String> visible = RunMessages.visibleTail(tail);
        return capture.truncated() || capture.lines() > visible.size() || visible.stream().anyMatch(line -> line.endsWith("…"));
    }

    private ProcessSpec spec(ScriptRun run)
    {
        var current = config.current();
        Map<String, String> environment = ScriptEnvironment.of(current.timezone(), Map.of(
                "DECKHAND_RUN_ID", run.id(),
                "DECKHAND_USER", run.requester(),
                "DECKHAND_CHANNEL", run.conversation().channelId()), run.script());
        List<String> argv = CommandLineBuilder.argv(run.script(), current.section(ScriptsConfig.class).dir(), run.values());
        return new ProcessSpec(argv, current.section(ScriptsConfig.class).dir(), environment, run.script().timeout());
    }

}
