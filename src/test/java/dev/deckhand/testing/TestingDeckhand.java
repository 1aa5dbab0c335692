package dev.deckhand.testing;

import com.google.inject.Module;
import com.google.inject.util.Modules;
import dev.deckhand.app.Bootstrap;
import dev.deckhand.app.MainModule;
import dev.deckhand.app.Settings;
import dev.deckhand.config.ConfigLoader;
import dev.deckhand.config.DeckhandConfig;
import dev.deckhand.config.Environment;
import dev.deckhand.web.WebServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The whole app (Guice, Jetty, Bolt, H2 in memory) on a free port, with a config and scripts
 * in a temporary folder and the Slack Web API pointed at a {@link TestingSlack}.
 */
public final class TestingDeckhand
        implements AutoCloseable
{
    public static final String SIGNING_SECRET = "test-signing-secret";
    public static final String ADMIN = "U0ADMIN";

    private final Bootstrap bootstrap;
    private final Path directory;
    private final TestingSlack slack;
    private final boolean ownsSlack;
    private final SlackRequests requests;

    private TestingDeckhand(Path directory, TestingSlack slack, boolean ownsSlack, Map<String, String> extraEnvironment, List<Module> extraModules,
            List<Module> overrides)
            throws Exception
    {
        this.ownsSlack = ownsSlack;
        this.directory = directory;
        this.slack = slack;
        Map<String, String> variables = new HashMap<>();
        variables.put(Environment.CONFIG, directory.resolve("deckhand.yml").toString());
        variables.put(Environment.PORT, "0");
        variables.put(Environment.DB_URL, "jdbc:h2:mem:test-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        variables.put(Environment.SIGNING_SECRET, SIGNING_SECRET);
        variables.put(Environment.BOT_TOKEN, "xoxb-test-token-000000");
        variables.put(Environment.API_URL, slack.apiUrl());
        variables.putAll(extraEnvironment);
        Environment environment = new Environment(variables);
        Settings settings = Settings.read(environment, Settings.Mode.SERVE);
        DeckhandConfig config = new ConfigLoader(environment, directory, MainModule.sections()).load(settings.configFile());
        List<Module> modules = new ArrayList<>(MainModule.serve(settings, config));
        modules.addAll(extraModules);
        this.bootstrap = new Bootstrap(overrides.isEmpty() ? modules : List.of(Modules.override(modules).with(overrides)));
        bootstrap.start();
        this.requests = new SlackRequests(bootstrap.instance(WebServer.class).port(), SIGNING_SECRET, slack);
    }

    /**
     * Starts a fake Slack and Deckhand on {@code configYaml} (with {@code @DIR@} replaced by the scripts folder)
     * and the given scripts; {@link #close()} stops both.
     */
    public static TestingDeckhand start(Path directory, String configYaml, Map<String, String> scripts)
            throws Exception
    {
        return start(directory, configYaml, scripts, Map.of());
    }

    /** As {@link #start(Path, String, Map)}, with extra environment (e.g. a short DECKHAND_HTTP_IDLE_TIMEOUT_MS). */
    public static TestingDeckhand start(Path directory, String configYaml, Map<String, String> scripts, Map<String, String> environment)
            throws Exception
    {
        prepare(directory, configYaml, scripts);
        TestingSlack slack = new TestingSlack();
        try {
            return new TestingDeckhand(directory, slack, true, environment, List.of(), List.of());
        }
        catch (Exception | Error e) {
            slack.close();
            throw e;
        }
    }

    /**
     * Starts Deckhand on a config and scripts already written to {@code directory} (see {@link #start}), sharing
     * {@code slack} with other instances, with extra environment and modules; {@link #close()} leaves {@code slack} running.
     */
    public static TestingDeckhand replica(Path directory, TestingSlack slack, Map<String, String> environment, List<Module> extraModules)
            throws Exception
    {
        return new TestingDeckhand(directory, slack, false, environment, extraModules, List.of());
    }

    /** As {@link #replica}, with bindings of the app's own modules replaced by {@code overrides} (e.g. a trust rule for a loopback SNS). */
    public static TestingDeckhand overriding(Path directory, TestingSlack slack, Map<String, String> environment, List<Module> overrides)
            throws Exception
    {
        return new TestingDeckhand(directory, slack, false, environment, List.of(), overrides);
    }

    /** Writes the config and scripts as {@link #start} does, without starting anything. */
    public static void prepare(Path directory, String configYaml, Map<String, String> scripts)
            throws IOException
    {
        Path scriptsDir = Files.createDirectories(directory.resolve("scripts"));
        scripts.forEach((name, body) -> writeScript(scriptsDir.resolve(name), body));
        Files.writeString(directory.resolve("deckhand.yml"), configYaml.replace("@DIR@", scriptsDir.toString()));
    }

    public TestingSlack slack()
    {
        return slack;
    }

    public static void writeScript(Path file, String body)
    {
        try {
            Files.writeString(file, body);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public SlackRequests requests()
    {
        return requests;
    }

    public Path directory()
    {
        return directory;
    }

    public int port()
    {
        return bootstrap.instance(WebServer.class).port();
    }

    public <T> T instance(Class<T> type)
    {
        return bootstrap.instance(type);
    }

    @Override
    public void close()
    {
        try {
            bootstrap.close();
        }
        finally {
            if (ownsSlack) {
                slack.close();
            }
        }
    }
}
