package dev.deckhand.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deckhand.testing.TestingHost.Container;
import dev.deckhand.testing.TestingHost.Run;
import dev.deckhand.testing.TestingHost;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.deckhand.testing.TestingHost.digest;
import static dev.deckhand.testing.TestingHost.image;
import static dev.deckhand.testing.TestingHost.imageId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * deploy/ssm/deckhand-deploy.sh run by {@code sh} on a {@link TestingHost}: fake docker, aws and curl
 * first on PATH, a clock that only the fake sleep moves.
 */
class DeployScriptTest
{
    static final Path SCRIPT = Path.of("deploy/ssm/deckhand-deploy.sh");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OLD = digest('a');
    private static final String NEW = digest('b');
    private static final String OLDER = digest('c');

    @TempDir
    Path directory;

    private TestingHost host;

    @BeforeEach
    void setUp()
    {
        host = TestingHost.create(directory);
    }

    @Test
    void deploysTheNewDigestAndKeepsThePreviousContainerStopped()
            throws IOException
    {
        host.hasContainer("web", image("web", OLD), true).scenario("health failures 2");
        Map<String, String> environment = environment(NEW);
        environment.put("SSM_ports", "8080:80,8443:443");
        environment.put("SSM_envFile", "/etc/deckhand/web.env");
        environment.put("SSM_env", "MODE=production\nGREETING=hello world");
        environment.put("SSM_volumes", "/srv/web/data:/data,/etc/web:/etc/web:ro");
        environment.put("SSM_args", "serve\n--port=80");

        Run run = run(environment);

        assertThat(run.exitCode()).isZero();
        JsonNode result = result(run);
        assertThat(result.get("outcome").asText()).isEqualTo("deployed");
        assertThat(result.get("digest").asText()).isEqualTo(NEW);
        assertThat(result.get("previousDigest").asText()).isEqualTo(OLD);
        assertThat(result.get("health").asText()).isEqualTo("200 after 4s");
        assertThat(result.get("host").asText()).isNotBlank();
        assertThat(result.get("container").asText()).isEqualTo("web");
        assertThat(result.get("deployId").asText()).isEqualTo("d-42");
        assertThat(run.stdout()).contains("deployed: web runs " + NEW);

        assertThat(host.docker("pull", "--quiet")).containsExactly(List.of("pull", "--quiet", image("web", NEW)));
        assertThat(host.docker("container", "create")).containsExactly(List.of(
                "container", "create", "--name", "web", "--restart", "unless-stopped",
                "--label", "deckhand.deploy=d-42", "--label", "deckhand.digest=" + NEW,
                "-p", "8080:80", "-p", "8443:443",
                "--env-file", "/etc/deckhand/web.env",
                "-e", "MODE=production", "-e", "GREETING=hello world",
                "-v", "/srv/web/data:/data", "-v", "/etc/web:/etc/web:ro",
                image("web", NEW), "serve", "--port=80"));
        assertThat(host.calls("curl")).hasSize(3).allSatisfy(call -> assertThat(call).containsSubsequence(
                "-fsS", "--max-time", "5", "http://localhost:8080/up"));
        assertThat(host.calls("sleep")).containsExactly(List.of("2"), List.of("2"));

        String kept = "web-previous-" + "a".repeat(12);
        assertThat(host.containerNames()).containsExactly("web", kept);
        assertThat(host.container("web")).get().satisfies(container -> {
            assertThat(container.imageId()).isEqualTo(imageId(NEW));
            assertThat(container.running()).isTrue();
            assertThat(container.digest()).isEqualTo(NEW);
        });
        assertThat(host.container(kept)).get().satisfies(container -> {
            assertThat(container.id()).isEqualTo("ctr-web-preset");
            assertThat(container.running()).isFalse();
        });
        assertThat(host.hasImageId(imageId(OLD))).isTrue();
    }

    @Test
    void logsInWithTheInstanceProfileBeforePullingAndStopsTheOldOneOnlyAfterCreatingTheNew()
            throws IOException
    {
        host.hasContainer("web", image("web", OLD), true);

        Run run = run(environment(NEW));

        assertThat(result(run).get("outcome").asText()).isEqualTo("deployed");
        assertThat(host.calls("aws")).containsExactly(List.of("ecr", "get-login-password", "--region", "ap-northeast-2"));
        assertThat(host.docker("login", "--username")).containsExactly(
                List.of("login", "--username", "AWS", "--password-stdin", TestingHost.REGISTRY));
        assertThat(host.login()).containsEntry("password", TestingHost.FAKE_PASSWORD);
        List<String> steps = host.calls("docker").stream()
                .map(call -> String.join(" ", call.subList(0, Math.min(3, call.size()))))
                .filter(call -> !call.contains("inspect") && !call.startsWith("container ls"))
                .toList();
        assertThat(steps).containsExactly(
                "login --username AWS",
                "pull --quiet " + image("web", NEW),
                "container rename web",
                "container create --name",
                "container stop web-previous-aaaaaaaaaaaa",
                "container start web");
    }

    @Test
    void keepsOnePreviousContainerAndRemovesOlderOnesWithTheirImages()
            throws IOException
    {
        host.hasContainer("web", image("web", OLD), true)
                .hasContainer("web-previous-cccccccccccc", image("web", OLDER), false)
                .hasContainer("api-previous-cccccccccccc", image("api", OLDER), false);

        Run run = run(environment(NEW));

        assertThat(result(run).get("outcome").asText()).isEqualTo("deployed");
        assertThat(host.containerNames()).containsExactly("api-previous-cccccccccccc", "web", "web-previous-aaaaaaaaaaaa");
        assertThat(host.docker("container", "rm")).containsExactly(List.of("container", "rm", "web-previous-cccccccccccc"));
        assertThat(host.docker("image", "rm")).containsExactly(List.of("image", "rm", imageId(OLDER)));
        assertThat(run.stdout()).contains("kept image " + imageId(OLDER) + ": still in use");
    }

    @ParameterizedTest
    @CsvSource({
            "fail aws, aws ecr get-login-password failed",
            "fail login, docker login to " + TestingHost.REGISTRY + " failed",
    })
    void aFailedLoginStopsNothing(String scenario, String detail)
            throws IOException
    {
        host.hasContainer("web", image("web", OLD), true).scenario(scenario);

        Run run = run(environment(NEW));

        assertThat(run.exitCode()).isEqualTo(11);
        JsonNode result = result(run);
        assertThat(result.get("outcome").asText()).isEqualTo("login_failed");
        assertThat(result.get("previousDigest").asText()).isEqualTo(OLD);
        assertThat(result.get("detail").asText()).startsWith(detail);
        assertThat(host.docker("pull", "--quiet")).isEmpty();
        assertUntouched();
    }

    @Test
    void aFailedPullLeavesTheOldContainerUntouched()
            throws IOException
    {
        host.hasContainer("web", image("web", OLD), true).scenario("fail pull");

        Run run = run(environment(NEW));

        assertThat(run.exitCode()).isEqualTo(12);
        assertThat(result(run).get("outcome").asText()).isEqualTo("pull_failed");
        assertThat(run.stdout()).contains("manifest unknown");
        assertUntouched();
    }

    @Test
    void aFailedHealthCheckRemovesTheNewContainerAndStartsThePreviousOneAgain()
            throws IOException
    {
        host.hasContainer("web", image("web", OLD), true).scenario("health never");
        Map<String, String> environment = environment(NEW);
        environment.put("SSM_healthcheckWithin", "6");

        Run run = run(environment);

        assertThat(run.exitCode()).isEqualTo(14);
        JsonNode result = result(run);
        assertThat(result.get("outcome").asText()).isEqualTo("unhealthy_rolled_back");
        assertThat(result.get("digest").asText()).isEqualTo(NEW);
        assertThat(result.get("previousDigest").asText()).isEqualTo(OLD);
        assertThat(result.get("health").asText()).isEqualTo("unhealthy after 6s: HTTP 503, curl exit 22 (4 attempts)");
        assertThat(host.calls("curl")).hasSize(4);
        assertThat(run.stdout()).contains("fake log of web");
        assertThat(host.containerNames()).containsExactly("web");
        assertThat(host.container("web")).get().satisfies(container -> {
            assertThat(container.id()).isEqualTo("ctr-web-preset");
            assertThat(container.imageId()).isEqualTo(imageId(OLD));
            assertThat(container.running()).isTrue();
        });
        assertThat(host.docker("container", "rename")).containsExactly(
                List.of("container", "rename", "web", "web-previous-aaaaaaaaaaaa"),
                List.of("container", "rename", "web-previous-aaaaaaaaaaaa", "web"));
    }

    @Test
    void aFailedHealthCheckOnAFirstDeployHasNothingToPutBack()
            throws IOException
    {
        host.scenario("health refused");
        Map<String, String> environment = environment(NEW);
        environment.put("SSM_healthcheckWithin", "3");

        Run run = run(environment);

        assertThat(run.exitCode()).isEqualTo(15);
        JsonNode result = result(run);
        assertThat(result.get("outcome").asText()).isEqualTo("unhealthy_no_previous");
        assertThat(result.get("previousDigest").isNull()).isTrue();
        assertThat(result.get("health").asText()).isEqualTo("unhealthy after 4s: HTTP 000, curl exit 7 (3 attempts)");
        assertThat(host.containerNames()).isEmpty();
        assertThat(host.docker("container", "rename")).isEmpty();
    }

    @Test
    void aContainerThatKeepsRestartingWithoutAHealthUrlIsRolledBack()
            throws IOException
    {
        host.hasContainer("web", image("web", OLD), true).scenario("crashloop");
        Map<String, String> environment = environment(NEW);
        environment.put("SSM_healthcheckUrl", "");

        Run run = run(environment);

        assertThat(run.exitCode()).isEqualTo(14);
        JsonNode result = result(run);
        assertThat(result.get("outcome").asText()).isEqualTo("unhealthy_rolled_back");
        assertThat(result.get("health").asText()).isEqualTo("not running steadily after 10s (running: true, restarts: 3)");
        assertThat(host.calls("sleep")).containsExactly(List.of("10"));
        assertThat(host.calls("curl")).isEmpty();
        assertThat(host.container("web")).get().extracting(Container::id).isEqualTo("ctr-web-preset");
    }

    @Test
    void aContainerThatFailsToStartIsRemovedAndThePreviousOneStartedAgain()
            throws IOException
    {
        host.hasContainer("web", image("web", OLD), true).scenario("fail start-new");

        Run run = run(environment(NEW));

        assertThat(run.exitCode()).isEqualTo(13);
        assertThat(result(run).get("outcome").asText()).isEqualTo("start_failed");
        assertThat(host.containerNames()).containsExactly("web");
        assertThat(host.container("web")).get().satisfies(container -> {
            assertThat(container.id()).isEqualTo("ctr-web-preset");
            assertThat(container.running()).isTrue();
        });
    }

    @Test
    void aContainerThatCannotBeCreatedStopsNothing()
            throws IOException
    {
        host.hasContainer("web", image("web", OLD), true).scenario("fail create");

        Run run = run(environment(NEW));

        assertThat(run.exitCode()).isEqualTo(13);
        JsonNode result = result(run);
        assertThat(result.get("outcome").asText()).isEqualTo("start_failed");
        assertThat(result.get("detail").asText()).isEqualTo("docker create failed; nothing was stopped");
        assertThat(host.docker("container", "stop")).isEmpty();
        assertThat(host.docker("container", "rm")).isEmpty();
        assertThat(host.container("web")).get().satisfies(container -> {
            assertThat(container.id()).isEqualTo("ctr-web-preset");
            assertThat(container.running()).isTrue();
        });
    }

    @Test
    void aContainerAlreadyRunningTheDigestIsUnchangedWithoutALogin()
            throws IOException
    {
        host.hasContainer("web", image("web", NEW), true);

        Run run = run(environment(NEW));

        assertThat(run.exitCode()).isZero();
        JsonNode result = result(run);
        assertThat(result.get("outcome").asText()).isEqualTo("unchanged");
        assertThat(result.get("previousDigest").asText()).isEqualTo(NEW);
        assertThat(result.get("health").asText()).isEqualTo("not checked");
        assertThat(host.calls("aws")).isEmpty();
        assertThat(host.calls("docker")).allSatisfy(call -> assertThat(call.get(1)).isEqualTo("inspect"));
    }

    @Test
    void aStoppedContainerOfTheSameDigestIsDeployedAgain()
            throws IOException
    {
        host.hasContainer("web", image("web", NEW), false);

        Run run = run(environment(NEW));

        assertThat(result(run).get("outcome").asText()).isEqualTo("deployed");
        assertThat(host.container("web")).get().extracting(Container::running, Container::created).containsExactly(true, true);
    }

    @Test
    void runsWithoutHome()
            throws IOException
    {
        Map<String, String> environment = environment(NEW);
        environment.remove("HOME");
        environment.put("DOCKER_CONFIG", directory.resolve("docker-config").toString());
        environment.put("SSM_healthcheckUrl", "");

        Run run = run(environment);

        assertThat(run.exitCode()).isZero();
        JsonNode result = result(run);
        assertThat(result.get("outcome").asText()).isEqualTo("deployed");
        assertThat(result.get("previousDigest").isNull()).isTrue();
        assertThat(result.get("health").asText()).isEqualTo("running after 10s");
        Map<String, String> login = host.login();
        assertThat(login.get("HOME")).startsWith("/").isNotEqualTo("<unset>");
        assertThat(login.get("AWS_ECR_CACHE_DIR")).isEqualTo(login.get("HOME").replaceFirst("/$", "") + "/.ecr");
    }

    @Test
    void usesTheEcrCredentialHelperInsteadOfDockerLoginWhenDockerIsSetUpForIt()
            throws IOException
    {
        Files.createDirectories(directory.resolve("home/.docker"));
        Files.writeString(directory.resolve("home/.docker/config.json"), "{\"credsStore\": \"ecr-login\"}\n");

        Run run = run(environment(NEW));

        assertThat(result(run).get("outcome").asText()).isEqualTo("deployed");
        assertThat(host.calls("aws")).isEmpty();
        assertThat(host.docker("login", "--username")).isEmpty();
        assertThat(host.docker("pull", "--quiet")).hasSize(1);
    }

    @Test
    void shellMetacharactersInEnvAndArgsReachDockerAsLiteralText()
            throws IOException
    {
        Path marker = directory.resolve("expanded");
        String touch = "touch " + marker;
        Map<String, String> environment = environment(NEW);
        environment.put("SSM_env", String.join("\n",
                "SUBSTITUTION=$(" + touch + ")",
                "BACKTICKS=`" + touch + "`",
                "SEQUENCE=a; " + touch,
                "VARIABLE=$HOME ${PATH} $0",
                "QUOTES=\"it's\" \\\" \\\\",
                "GLOB=* /* ?",
                "PIPE=a | " + touch + " & b > " + marker));
        environment.put("SSM_args", String.join("\n", "$(" + touch + ")", "`" + touch + "`", "; " + touch, "*", "-v=$HOME", "a b"));

        Run run = run(environment);

        assertThat(result(run).get("outcome").asText()).isEqualTo("deployed");
        List<String> create = host.docker("container", "create").get(0);
        assertThat(create).containsSubsequence(
                "-e", "SUBSTITUTION=$(" + touch + ")",
                "-e", "BACKTICKS=`" + touch + "`",
                "-e", "SEQUENCE=a; " + touch,
                "-e", "VARIABLE=$HOME ${PATH} $0",
                "-e", "QUOTES=\"it's\" \\\" \\\\",
                "-e", "GLOB=* /* ?",
                "-e", "PIPE=a | " + touch + " & b > " + marker);
        assertThat(create.subList(create.indexOf(image("web", NEW)) + 1, create.size()))
                .containsExactly("$(" + touch + ")", "`" + touch + "`", "; " + touch, "*", "-v=$HOME", "a b");
        assertThat(marker).doesNotExist();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "SSM_image|" + TestingHost.REGISTRY + "/web:latest|image must be pulled by digest",
            "SSM_image|" + TestingHost.REGISTRY + "/web@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa|image must be pulled by digest",
            "SSM_image|docker.io/library/web@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa|is not an ECR registry in ap-northeast-2",
            "SSM_image|123456789012.dkr.ecr.us-east-1.amazonaws.com/web@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa|is not an ECR registry in ap-northeast-2",
            "SSM_image|" + TestingHost.REGISTRY + "/web@sha256:$(reboot)|image has characters outside",
            "SSM_image||SSM_image is empty or unset",
            "SSM_containerName|web; reboot|containerName must match",
            "SSM_containerName|-web|containerName must match",
            "SSM_ports|8080|ports: '8080' is not <host port>:<container port>",
            "SSM_ports|8080:99999|ports: '8080:99999' is not",
            "SSM_envFile|etc/web.env|envFile must be an absolute path",
            "SSM_envFile|/etc/../root/.env|envFile must be an absolute path",
            "SSM_env|1NAME=x|env: a line does not start with NAME=",
            "SSM_env|NAME|env: the line for NAME has no '='",
            "SSM_volumes|/srv/data|volumes: '/srv/data' is not",
            "SSM_volumes|/srv/data:/data:rw|volumes: '/srv/data:/data:rw' is not",
            "SSM_healthcheckUrl|http://example.com/up|healthcheckUrl must be http(s)://localhost",
            "SSM_healthcheckUrl|http://localhost.example.com/up|healthcheckUrl must be http(s)://localhost",
            "SSM_healthcheckUrl|http://localhost@example.com/up|healthcheckUrl has characters outside",
            "SSM_healthcheckUrl|http://169.254.169.254/latest/meta-data/|healthcheckUrl must be http(s)://localhost",
            "SSM_healthcheckTimeout|0|healthcheckTimeout must be 1 to 60 seconds",
            "SSM_healthcheckInterval|08|healthcheckInterval must be 1 to 60 seconds",
            "SSM_healthcheckWithin|601|healthcheckWithin must be 1 to 600 seconds",
            "SSM_region|ap-northeast-2; reboot|region is not an AWS region name",
            "SSM_deployId|d_42|deployId must match",
    })
    void refusesMalformedParametersBeforeTouchingAnything(String variable, String value, String detail)
            throws IOException
    {
        host.hasContainer("web", image("web", OLD), true);
        Map<String, String> environment = environment(NEW);
        environment.put(variable, value == null ? "" : value);

        Run run = run(environment);

        assertThat(run.exitCode()).isEqualTo(10);
        JsonNode result = result(run);
        assertThat(result.get("outcome").asText()).isEqualTo("invalid_parameters");
        assertThat(result.get("detail").asText()).contains(detail);
        assertThat(host.calls("docker")).isEmpty();
        assertThat(host.calls("aws")).isEmpty();
    }

    @Test
    void withoutAnySsmVariablesItSaysTheAgentIsTooOld()
            throws IOException
    {
        Run run = run(new LinkedHashMap<>(Map.of("HOME", directory.resolve("home").toString())));

        assertThat(run.exitCode()).isEqualTo(10);
        JsonNode result = result(run);
        assertThat(result.get("outcome").asText()).isEqualTo("invalid_parameters");
        assertThat(result.get("detail").asText()).contains("SSM Agent 3.3.2746.0");
        assertThat(result.get("digest").isNull()).isTrue();
    }

    @Test
    void theJsonLineEscapesQuotesBackslashesAndControlCharacters()
            throws IOException
    {
        Map<String, String> environment = environment(NEW);
        environment.put("SSM_ports", "1:\"quoted\" back\\slash\ttab\nnewline");

        Run run = run(environment);

        assertThat(run.exitCode()).isEqualTo(10);
        assertThat(result(run).get("detail").asText())
                .isEqualTo("ports: '1:\"quoted\" back\\slash tab newline' is not <host port>:<container port>");
    }

    @Test
    void behavesTheSameUnderBashAsAmazonLinuxRunsSh()
            throws IOException
    {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "bash is installed");
        host.hasContainer("web", image("web", OLD), true).scenario("health never");
        Path marker = directory.resolve("expanded");
        Map<String, String> environment = environment(NEW);
        environment.put("SSM_env", "SUBSTITUTION=$(touch " + marker + ")\nBACKTICKS=`touch " + marker + "`");
        environment.put("SSM_healthcheckWithin", "2");

        Run run = host.run(List.of("/bin/bash", "--posix"), SCRIPT, environment);

        assertThat(run.stderr()).isEmpty();
        assertThat(run.exitCode()).isEqualTo(14);
        assertThat(result(run).get("outcome").asText()).isEqualTo("unhealthy_rolled_back");
        assertThat(host.docker("container", "create").get(0)).containsSubsequence(
                "-e", "SUBSTITUTION=$(touch " + marker + ")", "-e", "BACKTICKS=`touch " + marker + "`");
        assertThat(marker).doesNotExist();
        assertThat(host.container("web")).get().extracting(Container::id, Container::running).containsExactly("ctr-web-preset", true);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[[", "==", "function ", "local ", "source ", "$'", "<<<", "pipefail", "echo -e", "declare ", "$RANDOM", "&>", "read -a", "$BASH", "${!"})
    void isPlainPosixShell(String bashism)
            throws IOException
    {
        List<String> code = Files.readAllLines(SCRIPT).stream()
                .filter(line -> !line.strip().startsWith("#"))
                .toList();
        assertThat(code).noneSatisfy(line -> assertThat(line).contains(bashism));
    }

    @Test
    void parsesWithDash()
            throws Exception
    {
        Process process = new ProcessBuilder("sh", "-n", SCRIPT.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(output).isZero();
        Matcher substring = Pattern.compile("\\$\\{[A-Za-z_]+:[0-9]").matcher(Files.readString(SCRIPT));
        assertThat(substring.find()).as("a ${name:offset} substring (bash)").isFalse();
    }

    private Run run(Map<String, String> environment)
    {
        Run run = host.run(SCRIPT, environment);
        assertThat(run.stderr()).as("stderr: all output goes to stdout, after the JSON line").isEmpty();
        assertThat(host.unsupportedCalls()).as("calls the fakes do not know").isEmpty();
        return run;
    }

    private static JsonNode result(Run run)
            throws IOException
    {
        assertThat(run.firstLine()).as(run.stdout()).startsWith("{\"outcome\":");
        JsonNode result = JSON.readTree(run.firstLine());
        assertThat(result.fieldNames()).toIterable().containsExactly(
                "outcome", "digest", "previousDigest", "health", "host", "container", "deployId", "detail");
        return result;
    }

    private void assertUntouched()
    {
        assertThat(host.docker("container", "rename")).isEmpty();
        assertThat(host.docker("container", "create")).isEmpty();
        assertThat(host.docker("container", "stop")).isEmpty();
        assertThat(host.containerNames()).containsExactly("web");
        assertThat(host.container("web")).get().satisfies(container -> {
            assertThat(container.imageId()).isEqualTo(imageId(OLD));
            assertThat(container.running()).isTrue();
        });
    }

    private Map<String, String> environment(String digest)
    {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("HOME", directory.resolve("home").toString());
        environment.put("SSM_image", image("web", digest));
        environment.put("SSM_containerName", "web");
        environment.put("SSM_ports", "8080:80");
        environment.put("SSM_envFile", "");
        environment.put("SSM_env", "");
        environment.put("SSM_volumes", "");
        environment.put("SSM_args", "");
        environment.put("SSM_healthcheckUrl", "http://localhost:8080/up");
        environment.put("SSM_healthcheckTimeout", "5");
        environment.put("SSM_healthcheckInterval", "2");
        environment.put("SSM_healthcheckWithin", "60");
        environment.put("SSM_region", TestingHost.REGION);
        environment.put("SSM_deployId", "d-42");
        return environment;
    }
}
