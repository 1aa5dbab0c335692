package dev.deckhand.aws;

import dev.deckhand.config.ConfigProblem;
import dev.deckhand.config.ConfigProblems;
import dev.deckhand.config.Environment;
import dev.deckhand.config.EnvironmentReader;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The AWS environment as Deckhand reads it: each bad value one problem named by its variable, all of them at once. */
class AwsSettingsTest
{
    @Test
    void nothingSetLeavesEverythingToTheSdkAndAws()
    {
        AwsSettings settings = read(Map.of());

        assertThat(settings.region()).isEmpty();
        assertThat(settings.ssmEndpoint()).isEmpty();
        assertThat(settings.ecrEndpoint()).isEmpty();
        assertThat(settings.attemptTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.callTimeout()).isEqualTo(Duration.ofSeconds(25));
    }

    @Test
    void goodValuesAreTakenAndAServicesOwnEndpointWinsOverTheSharedOne()
    {
        AwsSettings settings = read(Map.of("AWS_REGION", " ap-northeast-2 ", "AWS_ENDPOINT_URL", "http://localhost:4566",
                "AWS_ENDPOINT_URL_SSM", "https://vpce-0abc-ssm.ssm.ap-northeast-2.vpce.amazonaws.com"));

        assertThat(settings.region()).contains("ap-northeast-2");
        assertThat(settings.ssmEndpoint()).contains(URI.create("https://vpce-0abc-ssm.ssm.ap-northeast-2.vpce.amazonaws.com"));
        assertThat(settings.ecrEndpoint()).contains(URI.create("http://localhost:4566"));
        assertThat(read(Map.of("AWS_ENDPOINT_URL_ECR", "http://127.0.0.1:9000")).ssmEndpoint()).isEmpty();
        assertThat(read(Map.of("AWS_REGION", "us-gov-west-1")).region()).contains("us-gov-west-1");
    }

    @Test
    void eachBadValueIsOneProblemNamingItsVariable()
    {
        assertThat(problems(Map.of("AWS_ENDPOINT_URL_SSM", "x"))).containsExactly("AWS_ENDPOINT_URL_SSM: 'x' is not an http(s) URL, like https://ssm.ap-northeast-2.amazonaws.com");
        assertThat(problems(Map.of("AWS_ENDPOINT_URL_ECR", "ftp://registry.internal"))).containsExactly(
                "AWS_ENDPOINT_URL_ECR: 'ftp://registry.internal' is not an http(s) URL, like https://api.ecr.ap-northeast-2.amazonaws.com");
        assertThat(problems(Map.of("AWS_ENDPOINT_URL", "http://localhost:4566/?x=1"))).containsExactly(
                "AWS_ENDPOINT_URL: 'http://localhost:4566/?x=1' is not an http(s) URL, like http://localhost:4566");
        assertThat(problems(Map.of("AWS_REGION", "Seoul"))).containsExactly("AWS_REGION: 'Seoul' is not an AWS region, like ap-northeast-2");
        assertThat(problems(Map.of("AWS_REGION", "ap-northeast-2\u0007"))).singleElement().asString().startsWith("AWS_REGION: is not a usable value");
    }

    @Test
    void everyProblemIsListedAtOnce()
    {
        assertThat(problems(Map.of("AWS_REGION", "seoul-1", "AWS_ENDPOINT_URL_SSM", "localhost:4566", "AWS_ENDPOINT_URL_ECR", "https://")))
                .hasSize(3).anySatisfy(problem -> assertThat(problem).startsWith("AWS_REGION: "))
                .anySatisfy(problem -> assertThat(problem).startsWith("AWS_ENDPOINT_URL_SSM: 'localhost:4566'"))
                .anySatisfy(problem -> assertThat(problem).startsWith("AWS_ENDPOINT_URL_ECR: 'https://'"));
    }

    @Test
    void theRecordRefusesWhatTheEnvironmentWouldNotGive()
    {
        assertThatThrownBy(() -> new AwsSettings(Optional.of("Seoul"), Optional.empty(), Optional.empty(), Duration.ofSeconds(1), Duration.ofSeconds(2)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AwsSettings(Optional.empty(), Optional.empty(), Optional.empty(), Duration.ofSeconds(5), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(AwsSettings.isRegion("cn-northwest-1")).isTrue();
        assertThat(AwsSettings.isRegion("ap-northeast")).isFalse();
    }

    private static AwsSettings read(Map<String, String> variables)
    {
        ConfigProblems problems = new ConfigProblems();
        AwsSettings settings = AwsSettings.from(new EnvironmentReader(new Environment(variables), problems));
        assertThat(problems.list()).as("problems").isEmpty();
        return settings;
    }

    private static List<String> problems(Map<String, String> variables)
    {
        ConfigProblems problems = new ConfigProblems();
        AwsSettings.from(new EnvironmentReader(new Environment(variables), problems));
        return problems.list().stream().map(ConfigProblem::toString).toList();
    }
}
