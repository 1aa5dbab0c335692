package dev.deckhand.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.deckhand.testing.TestingHost.Run;
import dev.deckhand.testing.TestingHost;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** deploy/ci/github-actions-deploy.yml: valid YAML that pushes sha-<commit> to ECR and posts the hook body Deckhand accepts. */
class CiWorkflowTest
{
    private static final Path WORKFLOW = Path.of("deploy/ci/github-actions-deploy.yml");

    private static JsonNode workflow;

    @TempDir
    Path directory;

    @BeforeAll
    static void readWorkflow()
            throws IOException
    {
        workflow = new ObjectMapper(new YAMLFactory()).readTree(WORKFLOW.toFile());
    }

    @Test
    void buildsAndPushesWithOidcCredentials()
    {
        assertThat(workflow.at("/permissions/id-token").asText()).isEqualTo("write");
        assertThat(workflow.get("jobs").get("build").get("steps")).isNotEmpty();
        assertThat(uses()).contains(
                "aws-actions/configure-aws-credentials@v4", "aws-actions/amazon-ecr-login@v2",
                "docker/setup-buildx-action@v3", "docker/build-push-action@v6");
        JsonNode build = step("build");
        assertThat(build.at("/with/push").asBoolean()).isTrue();
        assertThat(build.at("/with/tags").asText()).endsWith("/${{ env.ECR_REPOSITORY }}:sha-${{ github.sha }}");
        assertThat(step("pushed").get("run").asText()).contains("aws ecr describe-images", "imageTag=\"$TAG\"", "imageDigest");
    }

    @Test
    void shellStepsTakeExpressionsThroughTheEnvironmentOnly()
    {
        for (JsonNode step : workflow.get("jobs").get("build").get("steps")) {
            if (step.has("run")) {
                assertThat(step.get("run").asText()).as(step.get("name").asText()).doesNotContain("${{");
            }
        }
        assertThat(tellDeckhand().at("/env/DECKHAND_HOOKS_TOKEN").asText()).isEqualTo("${{ secrets.DECKHAND_HOOKS_TOKEN }}");
    }

    @Test
    void postsRepositoryTagAndDigestWithTheBearerToken()
            throws IOException
    {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/jq")) || Files.isExecutable(Path.of("/bin/jq")), "jq builds the body");
        TestingHost host = TestingHost.create(directory.resolve("runner"));
        Path script = Files.writeString(directory.resolve("tell-deckhand.sh"), tellDeckhand().get("run").asText());
        String digest = TestingHost.digest('d');

        Run run = host.run(script, Map.of(
                "ECR_REPOSITORY", workflow.at("/env/ECR_REPOSITORY").asText(),
                "DECKHAND_HOOK_URL", workflow.at("/env/DECKHAND_HOOK_URL").asText(),
                "DECKHAND_HOOKS_TOKEN", "token-value",
                "TAG", "sha-0123abc",
                "DIGEST", digest));

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        List<String> curl = host.calls("curl").get(0);
        assertThat(curl).containsSubsequence("-fsS", "-X", "POST", "https://deckhand.example.com/hooks/ecr",
                "-H", "Authorization: Bearer token-value", "-H", "Content-Type: application/json");
        JsonNode body = new ObjectMapper().readTree(curl.get(curl.indexOf("-d") + 1));
        assertThat(body.toString()).isEqualTo("{\"repository\":\"web\",\"tag\":\"sha-0123abc\",\"digest\":\"" + digest + "\"}");
    }

    private static List<String> uses()
    {
        List<String> uses = new ArrayList<>();
        workflow.get("jobs").get("build").get("steps").forEach(step -> {
            if (step.has("uses")) {
                uses.add(step.get("uses").asText());
            }
        });
        return uses;
    }

    private static JsonNode step(String id)
    {
        for (JsonNode step : workflow.get("jobs").get("build").get("steps")) {
            if (id.equals(step.path("id").asText())) {
                return step;
            }
        }
        throw new AssertionError("no step with id " + id);
    }

    private static JsonNode tellDeckhand()
    {
        for (JsonNode step : workflow.get("jobs").get("build").get("steps")) {
            if ("Tell Deckhand".equals(step.path("name").asText())) {
                return step;
            }
        }
        throw new AssertionError("no step named Tell Deckhand");
    }
}
