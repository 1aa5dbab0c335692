package dev.deckhand.deploy;

import dev.deckhand.app.MainModule;
import dev.deckhand.config.ConfigException;
import dev.deckhand.config.ConfigLoader;
import dev.deckhand.config.ConfigProblem;
import dev.deckhand.config.Environment;
import dev.deckhand.deploy.ServiceDefinition.EnvironmentDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The services section: what /deploy deploys, checked with the rules the SSM document enforces on the hosts. */
class ServicesSectionTest
{
    @TempDir
    Path directory;

    @Test
    void aFullServiceReadsToItsDefinition()
            throws Exception
    {
        ServicesConfig services = load("""
                access:
                  groups:
                    deployers: { users: [U0DEV1] }
                services:
                  - name: web
                    repository: team/web
                    registry: "123456789012"
                    region: ap-northeast-2
                    container: { name: web, ports: ["3000:3000"], env: { NODE_ENV: production }, envFile: /etc/web.env, volumes: ["/data:/data:ro"], args: ["--port=3000"] }
                    healthcheck: { url: "http://localhost:3000/api/health", timeout: 3s, interval: 1s, within: 90s }
                    environments:
                      staging: { targets: { "tag:Service": web, "tag:Env": staging }, channel: "#deploy" }
                      prod: { targets: { "tag:Service": web, "tag:Env": [prod, prod-eu] }, allow: [deployers], approvals: 1, maxConcurrency: "25%", maxErrors: 1, after: staging }
                    watch: { tags: "^sha-", autoDeploy: staging, poll: 1m }
                    document: { name: Deckhand-Deploy, version: "3" }
                  - name: api
                    environments:
                      prod: { targets: [i-0123456789abcdef0] }
                """);

        ServiceDefinition web = services.find("web").orElseThrow();
        assertThat(web.repository().name()).isEqualTo("team/web");
        assertThat(web.repository().registryId()).contains("123456789012");
        assertThat(web.container().env()).containsEntry("NODE_ENV", "production");
        assertThat(web.healthcheck().within()).isEqualTo(Duration.ofSeconds(90));
        assertThat(web.environments()).containsOnlyKeys("staging", "prod");
        EnvironmentDefinition prod = web.environment("prod").orElseThrow();
        assertThat(prod.targets().tags()).isEqualTo(Map.of("Service", List.of("web"), "Env", List.of("prod", "prod-eu")));
        assertThat(prod.allow()).containsExactly("deployers");
        assertThat(prod.approvals()).isEqualTo(1);
        assertThat(prod.maxConcurrency()).isEqualTo("25%");
        assertThat(prod.maxErrors()).isEqualTo("1");
        assertThat(prod.after()).contains("staging");
        EnvironmentDefinition staging = web.environment("staging").orElseThrow();
        assertThat(staging.allow()).containsExactly("everyone");
        assertThat(staging.maxConcurrency()).isEqualTo("50%");
        assertThat(staging.channel()).contains("#deploy");
        assertThat(web.watch().matches("sha-abc")).isTrue();
        assertThat(web.watch().matches("latest")).isFalse();
        assertThat(web.watch().autoDeploy()).contains("staging");
        assertThat(web.document().version()).isEqualTo("3");
        ServiceDefinition api = services.find("api").orElseThrow();
        assertThat(api.repository().name()).as("named like the service").isEqualTo("api");
        assertThat(api.container().name()).isEqualTo("api");
        assertThat(api.environment("prod").orElseThrow().targets().instanceIds()).containsExactly("i-0123456789abcdef0");
        assertThat(api.healthcheck().url()).isEmpty();
    }

    @Test
    void everyValueAHostWouldRefuseIsAProblemAtItsPath()
            throws Exception
    {
        List<String> problems = problems("""
                services:
                  - name: web
                    repository: Web!
                    region: mars
                    container: { name: "-web", ports: ["3000"], env: { "BAD-NAME": x }, envFile: relative.env, volumes: ["/a:/b:rw"], args: ["$(reboot)"] }
                    healthcheck: "http://evil.example.com/health"
                    environments:
                      prod: { targets: { Service: web }, approvals: 11, maxConcurrency: "0", maxErrors: "lots", after: prod, channel: ops }
                      staging: { targets: ["web-1"] }
                    watch: { tags: "[", autoDeploy: qa, poll: 5s }
                    document: { version: latest }
                """);

        assertThat(problems).containsExactlyInAnyOrder(
                "services[0].repository: 'Web!' is not an ECR repository name",
                "services[0].region: 'mars' is not an AWS region like ap-northeast-2",
                "services[0].container.name: '-web' is not a container name",
                "services[0].container.ports[0]: '3000' is not host:container ports like 3000:3000",
                "services[0].container.env.BAD-NAME: is not a valid environment variable name",
                "services[0].container.envFile: 'relative.env' is not an absolute path on the host",
                "services[0].container.volumes[0]: '/a:/b:rw' is not a volume like /host/path:/container/path or …:ro",
                "services[0].container.args[0]: '$(reboot)' is not a plain argument (letters, digits and . _ : / = @ , + % -)",
                "services[0].healthcheck: 'http://evil.example.com/health' must be an http(s) URL on localhost or 127.0.0.1 (the host checks its own container)",
                "services[0].environments.prod.targets.Service: a target is a tag, written tag:Name (or give a list of instance ids)",
                "services[0].environments.prod.targets: needs at least one tag, like \"tag:Env\": prod",
                "services[0].environments.prod.approvals: must be from 0 to 10",
                "services[0].environments.prod.maxConcurrency: '0' is not a number of hosts or a percentage like 50%",
                "services[0].environments.prod.maxErrors: 'lots' is not a number of hosts or a percentage like 10%",
                "services[0].environments.prod.channel: 'ops' is not a channel; write #name or a channel ID like C0123ABCD",
                "services[0].environments.prod.after: 'prod' is not another environment of this service; environments are [staging]",
                "services[0].environments.staging.targets: 'web-1' is not an instance id like i-0123456789abcdef0",
                "services[0].watch.tags: '[' is not a valid regular expression: Unclosed character class",
                "services[0].watch.autoDeploy: 'qa' is not an environment of this service; environments are []",
                "services[0].watch.poll: must be at least 30s (ECR is asked for every tag each time)",
                "services[0].document.version: 'latest' must be $DEFAULT, $LATEST or a version number");
    }

    @Test
    void portsOutsideOneTo65535AndMoreInstanceIdsThanSsmTakesAreRefusedAsTheHostAndSsmWould()
            throws Exception
    {
        String ids = IntStream.range(0, 51).mapToObj(i -> String.format("\"i-%017x\"", i)).collect(Collectors.joining(", "));
        List<String> problems = problems("""
                services:
                  - name: web
                    container: { ports: ["0:80", "99999:80", "8080:65536", "65535:1"] }
                    environments:
                      fleet: { targets: [%s] }
                """.formatted(ids));

        assertThat(problems).containsExactlyInAnyOrder(
                "services[0].container.ports[0]: '0:80' is not host:container ports like 3000:3000",
                "services[0].container.ports[1]: '99999:80' is not host:container ports like 3000:3000",
                "services[0].container.ports[2]: '8080:65536' is not host:container ports like 3000:3000",
                "services[0].environments.fleet.targets: names 51 instance ids; SSM sends a command to at most 50, so target these hosts by a tag");
    }

    private ServicesConfig load(String yaml)
            throws Exception
    {
        Path file = Files.writeString(directory.resolve("deckhand.yml"), yaml);
        return new ConfigLoader(new Environment(Map.of()), directory, MainModule.sections()).load(file).section(ServicesConfig.class);
    }

    private List<String> problems(String yaml)
            throws Exception
    {
        Path file = Files.writeString(directory.resolve("deckhand.yml"), yaml);
        ConfigException exception = catchThrowableOfType(ConfigException.class,
                () -> new ConfigLoader(new Environment(Map.of()), directory, MainModule.sections()).load(file));
        assertThat(exception).isNotNull();
        return exception.problems().stream().map(ConfigProblem::toString).toList();
    }

}
