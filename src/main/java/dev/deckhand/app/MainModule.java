package dev.deckhand.app;

import com.google.inject.Module;
import dev.deckhand.admin.AdminModule;
import dev.deckhand.config.DeckhandConfig;
import dev.deckhand.config.Environment;
import dev.deckhand.console.ConsoleModule;
import dev.deckhand.scripts.ScriptsModule;
import dev.deckhand.slack.SlackModule;
import dev.deckhand.slack.SocketModeModule;
import dev.deckhand.store.StoreConfig;
import dev.deckhand.store.StoreModule;
import dev.deckhand.tasks.TasksModule;
import dev.deckhand.web.MetricsModule;
import dev.deckhand.web.WebModule;

import java.util.List;

/** The modules of each mode, in start order. Lists modules, nothing else. */
public final class MainModule
{
    private MainModule() {}

    public static List<Module> serve(Environment environment, DeckhandConfig config)
    {
        return List.of(
                new PlatformModule(environment, config, StoreConfig.from(environment)),
                new StoreModule(),
                new MetricsModule(),
                new SlackModule(),
                new TasksModule(),
                new AdminModule(),
                new ScriptsModule(),
                new WebModule(),
                new SocketModeModule());
    }

    public static List<Module> console(Environment environment, DeckhandConfig config, ConsoleModule console)
    {
        return List.of(
                new PlatformModule(environment, config, StoreConfig.forConsole(environment)),
                new StoreModule(),
                new MetricsModule(),
                console,
                new TasksModule(),
                new AdminModule(),
                new ScriptsModule());
    }
}
