package dev.deckhand.app;

import com.google.inject.CreationException;
import dev.deckhand.app.Settings.Mode;
import dev.deckhand.app.Settings.SettingsException;
import dev.deckhand.config.ConfigException;
import dev.deckhand.config.DeckhandConfig;
import dev.deckhand.config.Environment;
import dev.deckhand.console.ConsoleModule;
import dev.deckhand.console.ConsoleSession;
import dev.deckhand.lifecycle.StartFailure;
import dev.deckhand.store.StoreUnavailableException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar deckhand.jar [serve | console | check-config [FILE]]}. Exit 2: the environment
 * is not usable; 1: the config file, or something Deckhand needs at start (the store, the port,
 * Slack) is not.
 */
@Command(name = "deckhand", mixinStandardHelpOptions = true, version = "Deckhand 0.1",
        description = "ChatOps for a small team on AWS: scripts, redeploys and batch jobs from Slack.",
        subcommands = {Main.Serve.class, Main.Console.class, Main.CheckConfig.class})
public final class Main
        implements Callable<Integer>
{
    public static void main(String[] args)
    {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public Integer call()
            throws Exception
    {
        return new Serve().call();
    }

    /** Reads the settings and the config, each problem said in one short message, then runs {@code body}. */
    static int launch(Mode mode, PrintStream err, Body body)
            throws Exception
    {
        Settings settings;
        try {
            settings = Settings.read(Environment.system(), mode);
        }
        catch (SettingsException e) {
            err.println("Deckhand did not start: " + e.getMessage());
            return 2;
        }
        DeckhandConfig config;
        try {
            config = MainModule.loader(settings).load(settings.configFile());
        }
        catch (ConfigException e) {
            err.println("Deckhand did not start: " + e.getMessage());
            return 1;
        }
        try {
            return body.run(settings, config);
        }
        catch (RuntimeException e) {
            return startupFailed(e, err);
        }
    }

    /** Says why start-up failed when the reason is known (the store, the port, Slack); anything else is a bug and keeps its trace. */
    static int startupFailed(RuntimeException failure, PrintStream err)
    {
        List<Throwable> roots = new ArrayList<>(List.of(failure));
        if (failure instanceof CreationException creation) {
            creation.getErrorMessages().forEach(message -> roots.add(message.getCause()));
        }
        for (Throwable root : roots) {
            for (Throwable cause = root; cause != null; cause = cause.getCause()) {
                if (cause instanceof StoreUnavailableException || cause instanceof StartFailure) {
                    err.println("Deckhand did not start: " + cause.getMessage());
                    return 1;
                }
            }
        }
        throw failure;
    }

    @FunctionalInterface
    interface Body
    {
        int run(Settings settings, DeckhandConfig config)
                throws Exception;
    }

    @Command(name = "serve", description = "Run the bot: over HTTP, or in Socket Mode when SLACK_APP_TOKEN is set (the default).")
    static final class Serve
            implements Callable<Integer>
    {
        @Override
        public Integer call()
                throws Exception
        {
            return launch(Mode.SERVE, System.err, (settings, config) -> {
                Bootstrap bootstrap = new Bootstrap(MainModule.serve(settings, config));
                CountDownLatch stopped = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    bootstrap.close();
                    stopped.countDown();
                }, "deckhand-shutdown"));
                try {
                    bootstrap.start();
                }
                catch (RuntimeException e) {
                    bootstrap.close();
                    throw e;
                }
                stopped.await();
                return 0;
            });
        }
    }

    @Command(name = "console", description = "Talk to Deckhand in the terminal: type /run hello; buttons show as numbered choices.")
    static final class Console
            implements Callable<Integer>
    {
        @Override
        public Integer call()
                throws Exception
        {
            PrintStream out = System.out;
            return launch(Mode.CONSOLE, System.err, (settings, config) -> {
                try (Bootstrap bootstrap = new Bootstrap(MainModule.console(settings, config, new ConsoleModule(System.in, out)))) {
                    bootstrap.start();
                    bootstrap.instance(ConsoleSession.class).run();
                }
                return 0;
            });
        }
    }

    @Command(name = "check-config", description = "Check a config file and list every problem with its path; exit 1 if there are any.")
    static final class CheckConfig
            implements Callable<Integer>
    {
        @Parameters(arity = "0..1", paramLabel = "FILE", description = "Config file (default: $DECKHAND_CONFIG or config/deckhand.yml)")
        Path file;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call()
        {
            Settings settings;
            try {
                settings = Settings.read(Environment.system(), Mode.CHECK_CONFIG);
            }
            catch (SettingsException e) {
                spec.commandLine().getErr().println("Deckhand cannot check the config: " + e.getMessage());
                return 2;
            }
            Path target = file != null ? file : settings.configFile();
            try {
                DeckhandConfig config = MainModule.loader(settings).load(target);
                spec.commandLine().getOut().println(target + " is valid: " + String.join(", ", config.summaries(config.locale())) + ".");
                return 0;
            }
            catch (ConfigException e) {
                spec.commandLine().getOut().println(e.getMessage());
                return 1;
            }
        }
    }
}
