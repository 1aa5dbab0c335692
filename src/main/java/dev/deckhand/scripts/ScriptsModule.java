package dev.deckhand.scripts;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.ProvidesIntoSet;
import dev.deckhand.chat.Background;
import dev.deckhand.chat.ButtonAction;
import dev.deckhand.chat.Chat;
import dev.deckhand.chat.ModalSubmission;
import dev.deckhand.chat.SlashCommand;
import dev.deckhand.config.ConfigHolder;
import dev.deckhand.lifecycle.Managed;
import dev.deckhand.store.Jdbc;
import dev.deckhand.tasks.Instances;
import dev.deckhand.tasks.TaskDefinition;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;
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
    static RunService runService(ConfigHolder config, Chat chat, Background background, ScriptRunStore store, Instances instances, MeterRegistry metrics, Clock clock)
    {
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(Background.named("deckhand-run-ticker"));
        ActiveRuns active = new ActiveRuns(store, instances.self().value(), clock);
        return new RunService(config, chat, background, new ProcessRunner(), active, store, ticker, metrics, clock);
    }

    @ProvidesIntoSet
    static TaskDefinition interruptedRuns(ScriptRunStore store, Instances instances, Chat chat, Clock clock)
    {
        return new InterruptedRuns(store, instances, chat, clock).task();
    }

    @ProvidesIntoSet
    static Managed watcher(ConfigHolder config)
    {
        return new ConfigWatcher(config);
    }

    @ProvidesIntoSet
    static Managed stopRuns(RunService runs, Background background)
    {
        return Managed.closing(() -> {
            runs.active().all().forEach(run -> run.cancel(RunMessages.SHUTDOWN));
            background.shutdown(java.time.Duration.ofSeconds(10));
        });
    }
}
