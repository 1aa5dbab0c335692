package dev.deckhand.app;

import dev.deckhand.aws.AwsSettings;
import dev.deckhand.config.ConfigProblem;
import dev.deckhand.config.ConfigProblems;
import dev.deckhand.config.Environment;
import dev.deckhand.config.EnvironmentReader;
import dev.deckhand.outbox.OutboxConfig;
import dev.deckhand.slack.SlackSettings;
import dev.deckhand.store.StoreConfig;
import dev.deckhand.tasks.InstanceId;
import dev.deckhand.tasks.TasksConfig;
import dev.deckhand.web.WebConfig;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Everything Deckhand takes from the environment, read once before the injector exists and
 * checked like the config file: every bad value is reported at once, with its variable's name.
 */
public record Settings(Environment environment, Path configFile, WebConfig web, StoreConfig store, SlackSettings slack, TasksConfig tasks, OutboxConfig outbox,
        AwsSettings aws, InstanceId instance)
{
    public static final String DEFAULT_CONFIG = "config/deckhand.yml";
    private static final Set<String> LOG_LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

    public enum Mode
    {
        SERVE, CONSOLE, CHECK_CONFIG
    }

    public Settings
    {
        requireNonNull(environment, "environment is null");
        requireNonNull(configFile, "configFile is null");
        requireNonNull(web, "web is null");
        requireNonNull(store, "store is null");
        requireNonNull(slack, "slack is null");
        requireNonNull(tasks, "tasks is null");
        requireNonNull(outbox, "outbox is null");
        requireNonNull(aws, "aws is null");
        requireNonNull(instance, "instance is null");
    }

    /** Reads the settings of {@code mode}; throws {@link SettingsException} with every problem. */
    public static Settings read(Environment environment, Mode mode)
    {
        ConfigProblems problems = new ConfigProblems();
        EnvironmentReader reader = new EnvironmentReader(environment, problems);
        Path configFile = reader.path(Environment.CONFIG, DEFAULT_CONFIG);
        WebConfig web = WebConfig.from(reader);
        StoreConfig store = mode == Mode.CONSOLE ? StoreConfig.forConsole(reader) : StoreConfig.from(reader);
        SlackSettings slack = SlackSettings.from(reader);
        if (mode == Mode.SERVE) {
            slack.requireAWayIn(reader);
        }
        OutboxConfig outbox = OutboxConfig.from(reader);
        AwsSettings aws = AwsSettings.from(reader);
        // Logback reads it itself, at its first line; a typo there would silently mean INFO.
        reader.choice(Environment.LOG_LEVEL, LOG_LEVELS);
        InstanceId instance = InstanceId.random(reader.text(Environment.HOSTNAME).orElse("deckhand"));
        if (!problems.isEmpty()) {
            throw new SettingsException(problems.list());
        }
        return new Settings(environment, configFile, web, store, slack, TasksConfig.defaults(), outbox, aws, instance);
    }

    /** The environment cannot be used; carries every problem. */
    public static final class SettingsException
            extends RuntimeException
    {
        SettingsException(List<ConfigProblem> problems)
        {
            super(describe(problems));
        }

        private static String describe(List<ConfigProblem> problems)
        {
            if (problems.size() == 1) {
                return problems.get(0).toString();
            }
            return problems.stream().map(problem -> "  - " + problem)
                    .collect(Collectors.joining("\n", "the environment has " + problems.size() + " problems:\n", ""));
        }
    }
}
