package dev.deckhand.scripts;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.ProvidesIntoSet;
import dev.deckhand.chat.Chat;
import dev.deckhand.config.ConfigHolder;
import dev.deckhand.interaction.Background;
import dev.deckhand.interaction.ButtonAction;
import dev.deckhand.interaction.ModalSubmission;
import dev.deckhand.interaction.SlashCommand;
import dev.deckhand.lifecycle.Managed;
import dev.deckhand.lifecycle.Threads;
import dev.deckhand.scripts.port.ScriptExecutor;
import dev.deckhand.store.Jdbc;
import dev.deckhand.tasks.Instances;
import dev.deckhand.tasks.TaskDefinition;
import dev.deckhand.text.CurrentLanguage;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** {@code /run}: central scripts, their live messages, cancel, the form for missing params, and reload on change. */
public final class ScriptsModule
        extends AbstractModule
{
    @Override
    protected void configure()
    {
        bind(RunCommand.class).in(Singleton.class);
        bind(CancelRunAction.class).in(Singleton.class);
        bind(RunFormSubmission.class).in(Singleton.class);
        Multibinder.newSetBinder(binder(), SlashCommand.class).addBinding().to(RunCommand.class);
        Multibinder.newSetBinder(binder(), ButtonAction.class).addBinding().to(CancelRunAction.class);
        Multibinder.newSetBinder(binder(), ModalSubmission.class).addBinding().to(RunFormSubmission.class);
    }

    @Provides
    @Singleton
    static ScriptRunStore scriptRunStore(Jdbc jdbc)
    {
        return new ScriptRunStore(jdbc);
    }

    @Provides
    @Singleton
    static ScriptsMessages messages(CurrentLanguage language)
    {
        return new ScriptsMessages(language);
    }

    @Provides
    @Singleton
    static ProcessRunner processRunner()
    {
        return new ProcessRunner();
    }

    /** Scripts another capability runs (a job's) go through the same runner, capture and masking as /run. */
    @Provides
    @Singleton
    static ScriptExecutor scriptExecutor(ConfigHolder config, ProcessRunner runner)
    {
        return new PortScriptExecutor(config, runner);
    }

    /** Its thread starts with the first run's first tick. */
    @Provides
    @Singleton
    static ScheduledExecutorService ticker()
    {
        return Executors.newSingleThreadScheduledExecutor(Threads.named("deckhand-run-ticker"));
    }

    @Provides
    @Singleton
    static RunService runService(ConfigHolder config, Chat chat, Background background, ProcessRunner runner, ScriptRunStore store,
            Instances instances, ScheduledExecutorService ticker, MeterRegistry metrics, Clock clock, ScriptsMessages messages)
    {
        ActiveRuns active = new ActiveRuns(store, instances.self().value(), clock, messages);
        return new RunService(config, chat, background, runner, active, store, ticker, metrics, clock, messages);
    }

    @ProvidesIntoSet
    static TaskDefinition interruptedRuns(ScriptRunStore store, Instances instances, Chat chat, Clock clock, ScriptsMessages messages)
    {
        return new InterruptedRuns(store, instances, chat, new RunMessages(messages), clock).task();
    }

    @ProvidesIntoSet
    static Managed watcher(ConfigHolder config)
    {
        return new ConfigWatcher(config);
    }

    /** Runs still going are cancelled, and their last messages queued while the outbox still delivers. */
    @ProvidesIntoSet
    static Managed stopRuns(RunService runs, Background background, ProcessRunner runner, ScheduledExecutorService ticker)
    {
        return Managed.closing(() -> {
            runs.active().all().forEach(run -> run.cancel(RunMessages.SHUTDOWN));
            try {
                background.awaitIdle(Duration.ofSeconds(10));
            }
            finally {
                ticker.shutdownNow();
                runner.shutdown();
            }
        });
    }
}
