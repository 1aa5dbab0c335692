package dev.deckhand.deploy.hooks;

import dev.deckhand.config.ConfigException;
import dev.deckhand.config.ConfigLoader;
import dev.deckhand.config.ConfigProblem;
import dev.deckhand.config.DeckhandConfig;
import dev.deckhand.config.Environment;
import dev.deckhand.text.Language;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class HooksSectionTest
{
    private static final String TOKEN = "0123456789abcdef0123456789abcdef";
    private static final String TOPIC = "arn:aws:sns:ap-northeast-2:123456789012:deckhand-ecr";

    @TempDir
    Path directory;

    @Test
    void readsTheTokenFromTheEnvironmentAndTheTopics()
            throws IOException
    {
        DeckhandConfig config = load("""
                hooks:
                  token: ${DECKHAND_HOOKS_TOKEN}
                  snsTopics:
                    - %s
                    - arn:aws-us-gov:sns:us-gov-west-1:123456789012:deploys_2
                """.formatted(TOPIC), Map.of("DECKHAND_HOOKS_TOKEN", TOKEN));

        HooksConfig hooks = config.section(HooksConfig.class);
        assertThat(hooks.token()).hasValueSatisfying(secret -> assertThat(secret.value()).isEqualTo(TOKEN));
        assertThat(hooks.snsTopics()).containsExactly(TOPIC, "arn:aws-us-gov:sns:us-gov-west-1:123456789012:deploys_2");
        assertThat(config.summaries(Language.EN)).contains("ECR hook (bearer token, 2 SNS topics)");
        assertThat(config.summaries(Language.KO)).contains("ECR 훅 (Bearer 토큰, SNS 토픽 2개)");
    }

    @Test
    void absentIsNoTokenAndNoTopicsAndSaysNothing()
            throws IOException
    {
        DeckhandConfig config = load("{}\n", Map.of());

        assertThat(config.section(HooksConfig.class)).isEqualTo(HooksConfig.none());
        assertThat(config.summaries(Language.EN)).noneMatch(summary -> summary.contains("ECR"));
        assertThat(load("hooks: { snsTopics: [%s] }\n".formatted(TOPIC), Map.of()).summaries(Language.EN)).contains("ECR hook (1 SNS topics)");
    }

    @Test
    void typosAreReportedWithTheirPaths()
            throws IOException
    {
        assertThat(problems("""
                hooks:
                  tokn: ${DECKHAND_HOOKS_TOKEN}
                  snsTopic: [%s]
                """.formatted(TOPIC), Map.of("DECKHAND_HOOKS_TOKEN", TOKEN))).containsExactlyInAnyOrder(
                "hooks.tokn: unknown key; expected one of [snsTopics, token]",
                "hooks.snsTopic: unknown key; expected one of [snsTopics, token]");
        assertThat(problems("hooks: [token]\n", Map.of())).containsExactly("hooks: must be a mapping of keys to values");
    }

    @Test
    void aShortTokenIsAProblemThatDoesNotRepeatIt()
            throws IOException
    {
        List<String> problems = problems("hooks: { token: \"${DECKHAND_HOOKS_TOKEN}\" }\n", Map.of("DECKHAND_HOOKS_TOKEN", "hunter2-secret"));

        assertThat(problems).containsExactly("hooks.token: must be at least 16 characters long, not 14; make one with openssl rand -hex 32");
        assertThat(String.join("\n", problems)).doesNotContain("hunter2");
        assertThat(problems("hooks: { token: \"a token with spaces in it\" }\n", Map.of()))
                .containsExactly("hooks.token: must be letters, digits and - . _ ~ + / only (it is sent as 'Authorization: Bearer <token>')");
        assertThat(problems("hooks: { token: \"${DECKHAND_HOOKS_TOKEN}\" }\n", Map.of()))
                .containsExactly("hooks.token: environment variable DECKHAND_HOOKS_TOKEN is not set");
    }

    @Test
    void eachBadTopicArnIsAProblemAtItsPlace()
            throws IOException
    {
        assertThat(problems("""
                hooks:
                  snsTopics:
                    - %s
                    - arn:aws:sns:ap-northeast-2:12345:short-account
                    - arn:aws:sqs:ap-northeast-2:123456789012:a-queue
                    - "arn:aws:sns:ap-northeast-2:123456789012:"
                    - %s
                    - arn:aws:sns:*:123456789012:any-region
                """.formatted(TOPIC, TOPIC), Map.of())).containsExactly(
                "hooks.snsTopics[1]: 'arn:aws:sns:ap-northeast-2:12345:short-account' is not an SNS topic ARN; write it like arn:aws:sns:ap-northeast-2:123456789012:deckhand-ecr",
                "hooks.snsTopics[2]: 'arn:aws:sqs:ap-northeast-2:123456789012:a-queue' is not an SNS topic ARN; write it like arn:aws:sns:ap-northeast-2:123456789012:deckhand-ecr",
                "hooks.snsTopics[3]: 'arn:aws:sns:ap-northeast-2:123456789012:' is not an SNS topic ARN; write it like arn:aws:sns:ap-northeast-2:123456789012:deckhand-ecr",
                "hooks.snsTopics[4]: '" + TOPIC + "' is listed twice",
                "hooks.snsTopics[5]: 'arn:aws:sns:*:123456789012:any-region' is not an SNS topic ARN; write it like arn:aws:sns:ap-northeast-2:123456789012:deckhand-ecr");
        assertThat(problems("hooks: { snsTopics: %s }\n".formatted(TOPIC), Map.of())).containsExactly("hooks.snsTopics: must be a list of SNS topic ARNs");
    }

    private DeckhandConfig load(String yaml, Map<String, String> environment)
            throws IOException
    {
        return loader(environment).load(Files.writeString(directory.resolve("deckhand.yml"), yaml));
    }

    private List<String> problems(String yaml, Map<String, String> environment)
            throws IOException
    {
        Path file = Files.writeString(directory.resolve("deckhand.yml"), yaml);
        ConfigException exception = catchThrowableOfType(ConfigException.class, () -> loader(environment).load(file));
        assertThat(exception).as("problems with %s", yaml).isNotNull();
        return exception.problems().stream().map(ConfigProblem::toString).toList();
    }

    private ConfigLoader loader(Map<String, String> environment)
    {
        return new ConfigLoader(new Environment(environment), directory, List.of(new HooksSection()));
    }
}
