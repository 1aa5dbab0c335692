package dev.deckhand.app;

import dev.deckhand.app.Settings.Mode;
import dev.deckhand.app.Settings.SettingsException;
import dev.deckhand.config.Environment;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Every variable Deckhand reads, checked once before anything starts; the variable's name is the path of its problem. */
class SettingsTest
{
    private static final Map<String, String> SIGNED = Map.of(Environment.SIGNING_SECRET, "s");

    @Test
    void defaults()
    {
        Settings settings = Settings.read(new Environment(SIGNED), Mode.SERVE);

        assertThat(settings.web().bind()).isEqualTo("0.0.0.0");
        assertThat(settings.web().port()).isEqualTo(3000);
        assertThat(settings.store().url()).startsWith("jdbc:h2:file:").endsWith("data/deckhand;DB_CLOSE_ON_EXIT=FALSE");
        assertThat(settings.slack().apiUrl()).isEqualTo("https://slack.com/api/");
        assertThat(settings.outbox().postInterval()).isEqualTo(Duration.ofMillis(1100));
        assertThat(settings.configFile()).hasToString("config/deckhand.yml");
        assertThat(Settings.read(new Environment(Map.of()), Mode.CONSOLE).store().url()).startsWith("jdbc:h2:mem:");
    }

    @Test
    void eachBadValueIsOneProblemNamingItsVariable()
    {
        assertThat(problems(Map.of(Environment.PORT, "abc"))).isEqualTo("DECKHAND_PORT: 'abc' is not a port (1–65535)");
        assertThat(problems(Map.of(Environment.PORT, "70000"))).isEqualTo("DECKHAND_PORT: '70000' is not a port (1–65535)");
        assertThat(problems(Map.of(Environment.BIND, "my host"))).startsWith("DECKHAND_BIND: 'my host' is not an address to listen on");
        assertThat(problems(Map.of(Environment.DB_URL, "jdbc:mysql://db/deckhand"))).startsWith("DECKHAND_DB_URL: 'jdbc:mysql://db/deckhand' is not a JDBC URL");
        assertThat(problems(Map.of(Environment.DB_URL, "jdbc:postgresql://db:notaport/deckhand"))).startsWith("DECKHAND_DB_URL: ");
        assertThat(problems(Map.of(Environment.API_URL, "slack.com/api"))).startsWith("SLACK_API_URL: 'slack.com/api' is not an http(s) URL");
        assertThat(problems(Map.of(Environment.POST_INTERVAL, "-5"))).startsWith("DECKHAND_OUTBOX_POST_INTERVAL_MS: '-5' is not a number of milliseconds");
        assertThat(problems(Map.of(Environment.EDIT_INTERVAL, "1h"))).startsWith("DECKHAND_OUTBOX_EDIT_INTERVAL_MS: '1h'");
        assertThat(problems(Map.of(Environment.LOG_LEVEL, "verbose"))).startsWith("DECKHAND_LOG_LEVEL: 'verbose' is not one of DEBUG, ERROR, INFO, OFF, TRACE, WARN");
        assertThat(problems(Map.of(Environment.BOT_TOKEN, "xoxp-user-token"))).startsWith("SLACK_BOT_TOKEN: is not a bot token").doesNotContain("xoxp-user-token");
        assertThat(problems(Map.of(Environment.APP_TOKEN, "xoxb-bot"))).startsWith("SLACK_APP_TOKEN must be an app-level token starting with xapp-").doesNotContain("xoxb-bot");
        assertThat(problems(Map.of(Environment.CONFIG, "bad\u0000name"))).startsWith("DECKHAND_CONFIG: ");
    }

    @Test
    void everyProblemIsListedAtOnceWithoutSecrets()
    {
        String problems = problems(Map.of(Environment.PORT, "abc", Environment.DB_URL, "jdbc:h2:file:/tmp/x;PASSWORD=hunter2 oops", Environment.LOG_LEVEL, "loud"));

        assertThat(problems).startsWith("the environment has 3 problems:\n")
                .contains("  - DECKHAND_PORT: ").contains("  - DECKHAND_DB_URL: 'jdbc:h2:file:/tmp/x' is not").contains("  - DECKHAND_LOG_LEVEL: ")
                .doesNotContain("hunter2");
    }

    @Test
    void serveNeedsAWayInButTheConsoleAndCheckConfigDoNot()
    {
        SettingsException serve = catchThrowableOfType(SettingsException.class, () -> Settings.read(new Environment(Map.of()), Mode.SERVE));

        assertThat(serve.getMessage()).startsWith("SLACK_SIGNING_SECRET is not set").contains("java -jar target/deckhand.jar console");
        assertThat(Settings.read(new Environment(Map.of(Environment.APP_TOKEN, "xapp-1")), Mode.SERVE).slack().appToken()).isPresent();
        assertThat(Settings.read(new Environment(Map.of()), Mode.CONSOLE).slack().signingSecret()).isEmpty();
        assertThat(Settings.read(new Environment(Map.of()), Mode.CHECK_CONFIG).slack().signingSecret()).isEmpty();
    }

    @Test
    void goodValuesAreTaken()
    {
        Settings settings = Settings.read(new Environment(Map.of(Environment.SIGNING_SECRET, "s", Environment.PORT, " 8080 ", Environment.BIND, "127.0.0.1",
                Environment.DB_URL, "jdbc:postgresql://db.internal:5432/deckhand", Environment.API_URL, "http://127.0.0.1:9/api",
                Environment.POST_INTERVAL, "0", Environment.LOG_LEVEL, "debug", Environment.HOSTNAME, "web-1")), Mode.SERVE);

        assertThat(settings.web()).extracting("bind", "port").containsExactly("127.0.0.1", 8080);
        assertThat(settings.store().url()).isEqualTo("jdbc:postgresql://db.internal:5432/deckhand");
        assertThat(settings.slack().apiUrl()).isEqualTo("http://127.0.0.1:9/api/");
        assertThat(settings.outbox().postInterval()).isZero();
        assertThat(settings.instance().value()).startsWith("web-1-");
    }

    private static String problems(Map<String, String> variables)
    {
        Map<String, String> environment = new java.util.HashMap<>(SIGNED);
        environment.putAll(variables);
        SettingsException exception = catchThrowableOfType(SettingsException.class, () -> Settings.read(new Environment(environment), Mode.SERVE));
        assertThat(exception).as("problems with %s", variables).isNotNull();
        return exception.getMessage();
    }
}
