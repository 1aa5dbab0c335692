package dev.deckhand.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** deploy/iam/*.json: valid policies, and the bot never sends a command to just any instance. */
class IamPoliciesTest
{
    private static final Path DIRECTORY = Path.of("deploy/iam");
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"deckhand-bot-policy.json", "deckhand-host-policy.json", "deckhand-host-trust-policy.json"})
    void isAValidPolicyDocument(String file)
            throws IOException
    {
        JsonNode policy = JSON.readTree(DIRECTORY.resolve(file).toFile());

        assertThat(policy.get("Version").asText()).isEqualTo("2012-10-17");
        assertThat(policy.get("Statement").isArray()).isTrue();
        assertThat(policy.get("Statement")).isNotEmpty().allSatisfy(statement -> {
            assertThat(statement.get("Sid").asText()).matches("[A-Za-z0-9]+");
            assertThat(statement.get("Effect").asText()).isIn("Allow", "Deny");
            assertThat(strings(statement.get("Action"))).isNotEmpty();
        });
    }

    @Test
    void theBotNeverSendsCommandsToEveryResourceWithoutACondition()
            throws IOException
    {
        List<JsonNode> sends = allowing(policy("deckhand-bot-policy.json"), "ssm:SendCommand");

        assertThat(sends).isNotEmpty().allSatisfy(statement -> {
            List<String> resources = strings(statement.get("Resource"));
            boolean wildcard = resources.stream().anyMatch(resource -> resource.equals("*") || resource.contains("instance/*"));
            if (wildcard) {
                assertThat(statement.get("Condition")).as(statement.get("Sid").asText() + " sends to any instance: it needs a condition").isNotNull();
                assertThat(statement.get("Condition").findValue("ssm:resourceTag/Deckhand")).isNotNull();
                assertThat(resources).noneMatch(resource -> resource.equals("*"));
            }
        });
        assertThat(sends).anySatisfy(statement -> assertThat(strings(statement.get("Resource")))
                .containsExactly("arn:aws:ssm:ap-northeast-2:111122223333:document/Deckhand-Deploy"));
        assertThat(sends).flatMap(statement -> strings(statement.get("Resource")))
                .allMatch(resource -> resource.endsWith(":document/Deckhand-Deploy") || resource.endsWith(":instance/*"));
    }

    @Test
    void theBotHasExactlyTheActionsItUses()
            throws IOException
    {
        assertThat(actions(policy("deckhand-bot-policy.json"))).containsExactlyInAnyOrder(
                "ecr:DescribeImages",
                "ssm:SendCommand", "ssm:SendCommand",
                "ssm:ListCommandInvocations", "ssm:CancelCommand",
                "ssm:DescribeInstanceInformation");
    }

    @Test
    void theHostsOnlyPullFromTheServiceRepositories()
            throws IOException
    {
        JsonNode policy = policy("deckhand-host-policy.json");

        assertThat(actions(policy)).containsExactlyInAnyOrder(
                "ecr:GetAuthorizationToken", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability");
        for (JsonNode statement : policy.get("Statement")) {
            List<String> resources = strings(statement.get("Resource"));
            if (strings(statement.get("Action")).contains("ecr:GetAuthorizationToken")) {
                assertThat(strings(statement.get("Action"))).containsExactly("ecr:GetAuthorizationToken");
                assertThat(resources).containsExactly("*");
            }
            else {
                assertThat(resources).isNotEmpty().allMatch(resource -> resource.matches("arn:aws:ecr:[a-z0-9-]+:[0-9]{12}:repository/[a-z0-9._/-]+"));
            }
        }
    }

    private static JsonNode policy(String file)
            throws IOException
    {
        return JSON.readTree(DIRECTORY.resolve(file).toFile());
    }

    private static List<JsonNode> allowing(JsonNode policy, String action)
    {
        String service = action.substring(0, action.indexOf(':') + 1);
        return StreamSupport.stream(policy.get("Statement").spliterator(), false)
                .filter(statement -> statement.get("Effect").asText().equals("Allow"))
                .filter(statement -> strings(statement.get("Action")).stream()
                        .anyMatch(granted -> granted.equals(action) || granted.equals("*")
                                || (granted.endsWith("*") && action.startsWith(granted.substring(0, granted.length() - 1)) && granted.startsWith(service))))
                .toList();
    }

    private static List<String> actions(JsonNode policy)
    {
        List<String> actions = new ArrayList<>();
        policy.get("Statement").forEach(statement -> actions.addAll(strings(statement.get("Action"))));
        return actions;
    }

    private static List<String> strings(JsonNode node)
    {
        if (node == null) {
            return List.of();
        }
        if (node.isTextual()) {
            return List.of(node.asText());
        }
        List<String> strings = new ArrayList<>();
        node.forEach(element -> strings.add(element.asText()));
        return strings;
    }
}
