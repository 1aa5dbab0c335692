package dev.deckhand.config;

import dev.deckhand.app.MainModule;
import dev.deckhand.config.AccessConfig.GroupConfig;
import dev.deckhand.deploy.ServicesConfig;
import dev.deckhand.jobs.JobsConfig;
import dev.deckhand.scripts.ParamDefinition.ParamType;
import dev.deckhand.scripts.ParamDefinition;
import dev.deckhand.scripts.ScriptDefinition;
import dev.deckhand.scripts.ScriptsConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ConfigLoaderTest
{
    private static final String FULL = """
            timezone: Asia/Seoul
            slack:
              channel: "#ops"
            access:
              admins: [U0ADMIN]
              groups:
                deployers: { users: [U0DEV1, U0DEV2], usergroups: [S0FE] }
            scripts:
              dir: scripts
              list:
                - name: hello
                  description: Say hello
                  command: [hello.sh, "{name}"]
                  params:
                    - { name: name, pattern: "[A-Za-z-]{1,32}", default: world }
                  timeout: 30s
                  allow: [everyone]
                - name: count
                  command: [hello.sh, "--times={times}", "{loud}"]
                  params:
                    - { name: times, type: int, description: How many }
                    - { name: loud, type: bool, default: "false" }
                    - { name: size, enum: [small, large], required: false }
                  allow: [deployers, U0OTHER]
                  channels: ["#ops", C0123ABCD]
                  concurrency: 2
            services:
              - name: web
                repository: web
                container: { name: web, ports: ["3000:3000"], envFile: /etc/web.env }
                healthcheck: http://localhost:3000/api/health
                environments:
                  staging: { targets: { "tag:Service": web, "tag:Env": staging }, channel: "#deploy" }
                  prod:    { targets: { "tag:Service": web, "tag:Env": prod }, channel: "#deploy",
                             allow: [deployers], approvals: 1, maxConcurrency: "50%", maxErrors: 0 }
                watch: { tags: "^sha-", autoDeploy: staging }
            jobs:
              - name: static-build
                schedule: "*/30 * * * *"
                run: { script: hello }
                timeout: 10m
                grace: 5m
                channel: "#batch"
                notify: [failure, recovery, missed]
                trigger: { token: "${STATIC_BUILD_TOKEN}" }
              - name: nightly-report
                every: 1d
                grace: 1h
            """;

    @TempDir
    Path directory;

    @BeforeEach
    void createScripts()
            throws IOException
    {
        Files.createDirectories(directory.resolve("scripts"));
        Files.writeString(directory.resolve("scripts/hello.sh"), "#!/bin/sh\necho hello\n");
    }

    @Test
    void testFullFileLoadsToRecords()
            throws IOException
    {
        DeckhandConfig config = load(FULL, Map.of("STATIC_BUILD_TOKEN", "t0ken-value-0123456789"));

        assertThat(config.timezone()).isEqualTo(ZoneId.of("Asia/Seoul"));
        assertThat(config.defaultChannel()).contains("#ops");
        assertThat(config.access()).isEqualTo(new AccessConfig(
                Set.of("U0ADMIN"),
                Map.of("deployers", new GroupConfig(Set.of("U0DEV1", "U0DEV2"), Set.of("S0FE")))));
        assertThat(config.section(ScriptsConfig.class).dir()).isEqualTo(directory.resolve("scripts"));
        assertThat(config.section(ScriptsConfig.class).list()).extracting(ScriptDefinition::name).containsExactly("hello", "count");
        assertThat(config.section(ServicesConfig.class).names()).containsExactly("web");
        assertThat(config.section(JobsConfig.class).names()).containsExactly("static-build", "nightly-report");
    }

    @Test
    void testScriptWithDefaults()
            throws IOException
    {
        ScriptDefinition hello = load(FULL, Map.of("STATIC_BUILD_TOKEN", "x0123456789abcdef")).section(ScriptsConfig.class).find("hello").orElseThrow();

        assertThat(hello.description()).isEqualTo("Say hello");
        assertThat(hello.command()).containsExactly("hello.sh", "{name}");
        assertThat(hello.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(hello.allow()).containsExactly("everyone");
        assertThat(hello.channels()).isEmpty();
        assertThat(hello.env()).isEmpty();
        assertThat(hello.secretValues()).isEmpty();
        assertThat(hello.concurrency()).isEqualTo(1);
        ParamDefinition name = hello.param("name").orElseThrow();
        assertThat(name.type()).isEqualTo(ParamType.STRING);
        assertThat(name.pattern()).map(pattern -> pattern.pattern()).contains("[A-Za-z-]{1,32}");
        assertThat(name.defaultValue()).contains("world");
        assertThat(name.required()).isFalse();
    }

    @Test
    void testScriptWithTypedParamsAndRestrictions()
            throws IOException
    {
        ScriptDefinition count = load(FULL, Map.of("STATIC_BUILD_TOKEN", "x0123456789abcdef")).section(ScriptsConfig.class).find("count").orElseThrow();

        assertThat(count.description()).isEmpty();
        assertThat(count.timeout()).isEqualTo(ScriptDefinition.DEFAULT_TIMEOUT);
        assertThat(count.allow()).containsExactly("deployers", "U0OTHER");
        assertThat(count.channels()).containsExactly("#ops", "C0123ABCD");
        assertThat(count.concurrency()).isEqualTo(2);
        assertThat(count.params()).containsExactly(
                new ParamDefinition("times", ParamType.INT, Optional.empty(), List.of(), Optional.empty(), true, "How many"),
                new ParamDefinition("loud", ParamType.BOOL, Optional.empty(), List.of(), Optional.of("false"), false, ""),
                new ParamDefinition("size", ParamType.STRING, Optional.empty(), List.of("small", "large"), Optional.empty(), false, ""));
    }

    @Test
    void testEmptyFileGivesDefaults()
            throws IOException
    {
        DeckhandConfig config = load("", Map.of());

        assertThat(config.timezone()).isEqualTo(ZoneId.systemDefault());
        assertThat(config.defaultChannel()).isEmpty();
        assertThat(config.access()).isEqualTo(AccessConfig.empty());
        assertThat(config.section(ScriptsConfig.class)).isEqualTo(new ScriptsConfig(directory.resolve("scripts"), List.of()));
        assertThat(config.section(ServicesConfig.class).names()).isEmpty();
        assertThat(config.section(JobsConfig.class).names()).isEmpty();
    }

    @Test
    void testVariablesComeFromEnvironment()
            throws IOException
    {
        DeckhandConfig config = load("""
                timezone: ${ZONE}
                slack: { channel: "#${TEAM}-ops" }
                """, Map.of("ZONE", "UTC", "TEAM", "web"));

        assertThat(config.timezone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(config.defaultChannel()).contains("#web-ops");
    }

    @Test
    void testMissingVariableIsProblemAtItsPath()
            throws IOException
    {
        assertThat(problems("""
                slack: { channel: "#${TEAM}" }
                scripts:
                  list:
                    - name: hello
                      command: [hello.sh]
                      env: { TOKEN: "${HELLO_TOKEN}" }
                """, Map.of("TEAM", " ")))
                .containsExactly(
                        new ConfigProblem("slack.channel", "environment variable TEAM is not set"),
                        new ConfigProblem("scripts.list[0].env.TOKEN", "environment variable HELLO_TOKEN is not set"));
    }

    @Test
    void testBrokenFileReportsEveryProblemWithItsPath()
            throws IOException
    {
        List<ConfigProblem> problems = problems("""
                timezone: Mars/Olympus_Mons
                colour: blue
                access:
                  admins: [U0ADMIN, bob]
                  groups:
                    deployers: { users: [U0DEV1] }
                scripts:
                  dir: scripts
                  list:
                    - name: hello
                      command: [hello.sh, "{nope}"]
                      params:
                        - { name: who, pattern: "[a-z]+", default: World }
                      allow: [ops]
                      colour: red
                    - name: slow
                      command: [missing.sh]
                      timeout: 30x
                      params:
                        - { name: size, type: float }
                        - { name: mode, pattern: "[a-z" }
                    - name: escape
                      command: [../x.sh]
                    - name: hello
                      command: [hello.sh]
                services:
                  - name: web
                  - repository: api
                jobs:
                  - name: static-build
                """, Map.of());

        assertThat(problems).extracting(ConfigProblem::path).containsExactlyInAnyOrder(
                "timezone",
                "colour",
                "access.admins",
                "scripts.list[0].colour",
                "scripts.list[0].params[0].default",
                "scripts.list[0].command",
                "scripts.list[0].allow",
                "scripts.list[1].command",
                "scripts.list[1].timeout",
                "scripts.list[1].params[0].type",
                "scripts.list[1].params[1].pattern",
                "scripts.list[2].command",
                "scripts.list[3]",
                "services[1].name");
        assertThat(problems).extracting(ConfigProblem::toString).contains(
                "timezone: 'Mars/Olympus_Mons' is not a time zone; use a name like Asia/Seoul or UTC",
                "access.admins: 'bob' is not a Slack user ID like U0123ABCD",
                "scripts.list[0].params[0].default: must match [a-z]+",
                "scripts.list[0].command: '{nope}' is not a param of this script; params are [who]",
                "scripts.list[0].allow: 'ops' is not 'everyone', a group under access.groups, or a Slack user ID",
                "scripts.list[1].timeout: '30x' is not a duration; write it like 30s, 10m, 1h or 1d",
                "scripts.list[1].params[0].type: 'float' is not a param type; use string, int or bool",
                "scripts.list[3]: a script named 'hello' is already defined",
                "services[1].name: is required");
        assertThat(problems).filteredOn(problem -> problem.path().equals("colour"))
                .extracting(ConfigProblem::message)
                .containsExactly("unknown key; expected one of [access, hooks, jobs, locale, scripts, services, slack, timezone]");
        assertThat(problems).filteredOn(problem -> problem.path().equals("scripts.list[1].params[1].pattern"))
                .extracting(ConfigProblem::message)
                .singleElement().asString().startsWith("'[a-z' is not a valid regular expression: ");
        assertThat(problems).filteredOn(problem -> problem.path().equals("scripts.list[1].command"))
                .extracting(ConfigProblem::message)
                .containsExactly("'missing.sh' not found in the scripts dir " + directory.resolve("scripts"));
        assertThat(problems).filteredOn(problem -> problem.path().equals("scripts.list[2].command"))
                .extracting(ConfigProblem::message)
                .containsExactly("'../x.sh' must be inside the scripts dir " + directory.resolve("scripts"));
    }

    @Test
    void testExceptionMessageListsEveryProblem()
            throws IOException
    {
        Path file = write("timezone: Nowhere\ncolour: blue\n");

        assertThatThrownBy(() -> loader(Map.of()).load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + " has 2 problems:\n"
                        + "  - colour: unknown key; expected one of [access, hooks, jobs, locale, scripts, services, slack, timezone]\n"
                        + "  - timezone: 'Nowhere' is not a time zone; use a name like Asia/Seoul or UTC");
    }

    @Test
    void testYamlSyntaxErrorReportsLineAndColumn()
            throws IOException
    {
        List<ConfigProblem> problems = problems("""
                timezone: UTC
                slack:
                  channel: "#ops
                access: {}
                """, Map.of());

        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.path()).matches("line \\d+, column \\d+");
            assertThat(problem.message()).startsWith("not valid YAML: ");
        });
    }

    @Test
    void testYamlSyntaxErrorPointsAtTheLine()
            throws IOException
    {
        List<ConfigProblem> problems = problems("timezone: UTC\nslack: channel: \"#ops\"\n", Map.of());

        assertThat(problems).singleElement().extracting(ConfigProblem::path).isEqualTo("line 2, column 15");
    }

    @Test
    void testDuplicateKeyIsProblem()
            throws IOException
    {
        List<ConfigProblem> problems = problems("scripts: {}\ntimezone: UTC\nscripts: { dir: other }\n", Map.of());

        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.path()).startsWith("line 3, column ");
            assertThat(problem.message()).contains("'scripts'");
        });
    }

    @Test
    void testDuplicateNameIsReportedWhenFirstDefinitionIsBroken()
            throws IOException
    {
        assertThat(problems("""
                scripts:
                  list:
                    - { name: hello, command: [hello.sh], timeout: soon }
                    - { name: hello, command: [hello.sh] }
                """, Map.of()))
                .extracting(ConfigProblem::toString)
                .containsExactly(
                        "scripts.list[0].timeout: 'soon' is not a duration; write it like 30s, 10m, 1h or 1d",
                        "scripts.list[1]: a script named 'hello' is already defined");
    }

    @Test
    void testEmptyListEntryIsProblem()
            throws IOException
    {
        assertThat(problems("""
                scripts:
                  list:
                    - name: hello
                      command:
                        - hello.sh
                        -
                """, Map.of()))
                .containsExactly(new ConfigProblem("scripts.list[0].command[1]", "must have a value"));
    }

    @Test
    void testOutOfRangeDurationsAreProblems()
            throws IOException
    {
        assertThat(problems("""
                scripts:
                  list:
                    - { name: zero, command: [hello.sh], timeout: 0s }
                    - { name: huge, command: [hello.sh], timeout: 99999999999999999999d }
                """, Map.of()))
                .extracting(ConfigProblem::toString)
                .containsExactly(
                        "scripts.list[0].timeout: must be longer than 0s",
                        "scripts.list[1].timeout: '99999999999999999999d' is not a duration; write it like 30s, 10m, 1h or 1d");
    }

    @Test
    void testMissingFileSaysSo()
    {
        Path file = directory.resolve("nope.yml");

        ConfigException exception = catchThrowableOfType(ConfigException.class, () -> loader(Map.of()).load(file));

        assertThat(exception.file()).isEqualTo(file);
        assertThat(exception.problems()).singleElement().extracting(ConfigProblem::message).asString().startsWith("file not found");
    }

    @Test
    void testRootThatIsNotMappingIsProblem()
            throws IOException
    {
        assertThat(problems("- timezone: UTC\n", Map.of()))
                .containsExactly(new ConfigProblem("", "must be a mapping of keys to values"));
        assertThat(problems("just some text\n", Map.of()))
                .containsExactly(new ConfigProblem("", "must be a mapping of keys to values"));
    }

    @Test
    void testSecretEnvValues()
            throws IOException
    {
        ScriptDefinition script = load("""
                scripts:
                  list:
                    - name: hello
                      command: [hello.sh]
                      env:
                        TOKEN: ${X}
                        API_KEY: plain-api-key
                        DATABASE_URL: "postgres://app:${DB_PASSWORD}@db/app"
                        REGION: eu-west-1
                """, Map.of("X", "xyzzy-secret", "DB_PASSWORD", "hunter22")).section(ScriptsConfig.class).list().get(0);

        assertThat(script.env()).isEqualTo(Map.of(
                "TOKEN", "xyzzy-secret",
                "API_KEY", "plain-api-key",
                "DATABASE_URL", "postgres://app:hunter22@db/app",
                "REGION", "eu-west-1"));
        assertThat(script.secretValues()).contains("xyzzy-secret", "plain-api-key", "hunter22").doesNotContain("eu-west-1");
    }

    private DeckhandConfig load(String yaml, Map<String, String> variables)
            throws IOException
    {
        return loader(variables).load(write(yaml));
    }

    private List<ConfigProblem> problems(String yaml, Map<String, String> variables)
            throws IOException
    {
        Path file = write(yaml);
        ConfigException exception = catchThrowableOfType(ConfigException.class, () -> loader(variables).load(file));
        assertThat(exception).as("problems with %s", yaml).isNotNull();
        return exception.problems();
    }

    private ConfigLoader loader(Map<String, String> variables)
    {
        return new ConfigLoader(new Environment(variables), directory, MainModule.sections());
    }

    private Path write(String yaml)
            throws IOException
    {
        return Files.writeString(directory.resolve("deckhand.yml"), yaml);
    }
}
