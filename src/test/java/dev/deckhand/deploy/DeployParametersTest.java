package dev.deckhand.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.deckhand.app.MainModule;
import dev.deckhand.config.ConfigLoader;
import dev.deckhand.config.Environment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** What Deckhand sends is what the SSM document takes: every parameter, for a config the services section accepts, matches the document's pattern. */
class DeployParametersTest
{
    private static final Path DOCUMENT = Path.of("deploy/ssm/deckhand-deploy.yaml");

    @TempDir
    Path directory;

    @Test
    void everyParameterOfAnAcceptedConfigMatchesTheDocument()
            throws Exception
    {
        ServiceDefinition service = service("""
                services:
                  - name: web
                    container:
                      ports: ["3000:3000", "9100:9100"]
                      env: { NODE_ENV: production, GREETING: "hello, world; $HOME `id`\ttabbed" }
                      envFile: /etc/web/.env
                      volumes: ["/srv/data:/data", "/etc/ssl:/ssl:ro"]
                      args: ["--port=3000", "serve"]
                    healthcheck: { url: "http://127.0.0.1:3000/api/health?deep=1", timeout: 60s, interval: 1s, within: 10m }
                    environments:
                      prod: { targets: { "tag:Env": prod } }
                """);
        Deploy deploy = new Deploy("0f8c3a52-6d7e-4a9b-9c1d-2e3f4a5b6c7d", "web", "prod", DeployKind.DEPLOY, "sha-abc",
                "sha256:" + "0123456789abcdef".repeat(4), "123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/web@sha256:" + "0123456789abcdef".repeat(4),
                Optional.of(Instant.EPOCH), Optional.empty(), Optional.empty(), "U0DEV", Instant.EPOCH, DeployStatus.RUNNING, "#deploy", Optional.empty(),
                3, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 0, 0);

        Map<String, List<String>> parameters = DeployParameters.of(service, deploy);
        JsonNode declared = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(DOCUMENT)).get("parameters");

        assertThat(parameters.keySet()).containsExactlyInAnyOrderElementsOf(() -> declared.fieldNames());
        parameters.forEach((name, values) -> {
            Pattern pattern = re2(declared.get(name).get("allowedPattern").asText());
            assertThat(values).singleElement().as(name).satisfies(value -> assertThat(pattern.matcher(value).matches())
                    .as("%s = %s against %s", name, value, pattern).isTrue());
        });
        assertThat(parameters.get("region")).containsExactly("ap-northeast-2");
        assertThat(parameters.get("env")).containsExactly("NODE_ENV=production\nGREETING=hello, world; $HOME `id`\ttabbed");
        assertThat(parameters.get("healthcheckWithin")).containsExactly("600");
    }

    /** RE2's {@code $} is the end of the text; Java's also matches before a final newline. */
    private static Pattern re2(String pattern)
    {
        return Pattern.compile(pattern.endsWith("$") ? pattern.substring(0, pattern.length() - 1) + "\\z" : pattern);
    }

    private ServiceDefinition service(String yaml)
            throws Exception
    {
        Path file = Files.writeString(directory.resolve("deckhand.yml"), yaml);
        return new ConfigLoader(new Environment(Map.of()), directory, MainModule.sections()).load(file).section(ServicesConfig.class).services().get(0);
    }
}
