package dev.deckhand.app;

import com.google.inject.Module;
import dev.deckhand.admin.AdminModule;
import dev.deckhand.aws.AwsModule;
import dev.deckhand.config.ConfigLoader;
import dev.deckhand.config.ConfigSection;
import dev.deckhand.config.DeckhandConfig;
import dev.deckhand.console.ConsoleModule;
import dev.deckhand.deploy.DeployModule;
import dev.deckhand.deploy.ServicesSection;
import dev.deckhand.deploy.hooks.HooksModule;
import dev.deckhand.deploy.hooks.HooksSection;
import dev.deckhand.jobs.JobsModule;
import dev.deckhand.jobs.JobsSection;
import dev.deckhand.outbox.OutboxModule;
import dev.deckhand.scripts.ScriptsModule;
import dev.deckhand.scripts.ScriptsSection;
import dev.deckhand.slack.SlackModule;
import dev.deckhand.slack.SlackSettings;
import dev.deckhand.slack.SocketModeModule;
import dev.deckhand.store.StoreModule;
import dev.deckhand.tasks.TasksModule;
import dev.deckhand.web.MetricsModule;
import dev.deckhand.web.WebModule;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The config sections and the modules of each mode, in start order (the store first: it is
 * probed and migrated before anything else starts), and the choices between
 * modules that the settings decide (a bot token or not, a signing secret or not, Socket Mode or
 * not). Lists, nothing else: adding a capability is a package plus a line here.
 */
public final class MainModule
{
    private MainModule() {}

    /** The capabilities' config sections, read after the shared ones ({@code timezone}, {@code locale}, {@code slack}, {@code access}). */
    public static List<ConfigSection<?>> sections()
    {
        return List.of(
                new ScriptsSection(),
                new ServicesSection(),
                new HooksSection(),
                new JobsSection());
    }

    public static ConfigLoader loader(Settings settings)
    {
        return new ConfigLoader(settings.environment(), Path.of("").toAbsolutePath(), sections());
    }

    public static List<Module> serve(Settings settings, DeckhandConfig config)
    {
        SlackSettings slack = settings.slack();
        List<Module> modules = new ArrayList<>(List.of(
                new StoreModule(),
                new PlatformModule(settings, config, sections()),
                new MetricsModule(),
                new SlackModule(),
                slack.botToken().isPresent() ? SlackModule.postingToSlack() : SlackModule.loggingInstead(),
                slack.signingSecret().isPresent() ? SlackModule.requestUrl() : SlackModule.socketModeOnlyRequestUrl(),
                new TasksModule(),
                new OutboxModule(),
                new AdminModule(),
                new AwsModule(),
                new ScriptsModule(),
                new DeployModule(),
                new HooksModule(),
                new JobsModule(),
                new WebModule()));
        // Last, so Slack's requests arrive over the socket only once everything else runs.
        if (slack.appToken().isPresent()) {
            modules.add(new SocketModeModule());
        }
        return List.copyOf(modules);
    }

    public static List<Module> console(Settings settings, DeckhandConfig config, ConsoleModule console)
    {
        return List.of(
                new StoreModule(),
                new PlatformModule(settings, config, sections()),
                new MetricsModule(),
                console,
                new TasksModule(),
                new OutboxModule(),
                new AdminModule(),
                new AwsModule(),
                new ScriptsModule(),
                new DeployModule(),
                new JobsModule());
    }
}
