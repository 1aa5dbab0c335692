package dev.deckhand.app;

import com.google.inject.CreationException;
import dev.deckhand.config.ConfigException;
import dev.deckhand.config.ConfigLoader;
import dev.deckhand.config.DeckhandConfig;
import dev.deckhand.config.Environment;
import dev.deckhand.console.ConsoleModule;
import dev.deckhand.console.ConsoleSession;
import dev.deckhand.lifecycle.StartFailure;
import dev.deckhand.store.StoreUnavailableException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code java -jar deckhand.jar [serve | console | check-config [FILE]]}. */
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

    static DeckhandConfig load(Environment environment, Path file)
    {
        return new ConfigLoader(environment, Path.of("").toAbsolutePath()).load(file);
    }

    /** Says why start-up failed when the reason is known (a store that cannot be opened); anything else is a bug and keeps its trace. */
    static int startupFailed(RuntimeException failure)
    {
        List<Throwable> roots = new ArrayList<>(List.of(failure));
        if (failure instanceof CreationException creation) {
            creation.getErrorMessages().forEach(message -> roots.add(message.getCause()));
        }
        for (Throwable root : roots) {
            for (Throwable cause = root; cause != null; cause = cause.getCause()) {
                if (cause instanceof StoreUnavailableException || cause instanceof StartFailure) {
                    System.err.println("Deckhand did not start: " + cause.getMessage());
                    return 1;
                }
            }
        }
        throw failure;
    }

    @Command(name = "serve", description = "Run the bot: over HTTP, or in Socket Mode when SLACK_APP_TOKEN is set (the default).")
    static final class Serve
            implements Callable<Integer>
    {
        @Override
        public Integer call()
                throws Exception
        {
            Environment environment = Environment.system();
            Optional<String> appToken = environment.get(Environment.APP_TOKEN);
            if (environment.get(Environment.SIGNING_SECRET).isEmpty() && appToken.isEmpty()) {
                System.err.println("SLACK_SIGNING_SECRET is not set. Deckhand needs it to check that requests come from Slack.\n"
                        + "Set it from your Slack app's Basic Information page, or set SLACK_APP_TOKEN (xapp-…) to use Socket Mode,\n"
                        + "or try Deckhand locally with: java -jar target/deckhand.jar console");
                return 2;
            }
            if (appToken.isPresent() && !appToken.get().startsWith("xapp-")) {
                System.err.println("SLACK_APP_TOKEN must be an app-level token starting with xapp- (Basic Information > App-Level Tokens,"
                        + " scope connections:write); a bot token (xoxb-) goes in SLACK_BOT_TOKEN.");
                return 2;
            }
            DeckhandConfig config;
            try {
                config = load(environment, environment.configFile());
            }
            catch (ConfigException e) {
                System.err.println("Deckhand did not start: " + e.getMessage());
                return 1;
            }
            Bootstrap bootstrap;
            try {
                bootstrap = new Bootstrap(MainModule.serve(environment, config));
            }
            catch (RuntimeException e) {
                return startupFailed(e);
            }
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
                return startupFailed(e);
            }
            stopped.await();
            return 0;
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
            Environment environment = Environment.system();
            DeckhandConfig config;
            try {
                config = load(environment, environment.configFile());
            }
            catch (ConfigException e) {
                System.err.println("Deckhand did not start: " + e.getMessage());
                return 1;
            }
            PrintStream out = System.out;
            try (Bootstrap bootstrap = new Bootstrap(MainModule.console(environment, config, new ConsoleModule(System.in, out)))) {
                bootstrap.start();
                bootstrap.instance(ConsoleSession.class).run();
            }
            catch (RuntimeException e) {
                return startupFailed(e);
            }
            return 0;
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
            Environment environment = Environment.system();
            Path target = file != null ? file : environment.configFile();
            try {
                DeckhandConfig config = load(environment, target);
                spec.commandLine().getOut().println(target + " is valid: " + config.scripts().list().size() + " scripts, "
                        + config.serviceNames().size() + " services, " + config.jobNames().size() + " jobs.");
                return 0;
            }
            catch (ConfigException e) {
                spec.commandLine().getOut().println(e.getMessage());
                return 1;
            }
        }
    }
}
