package dev.deckhand.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.deckhand.errors.ErrorTranslator;
import dev.deckhand.testing.AwsJsonServer.Call;
import dev.deckhand.testing.TestingAws;
import dev.deckhand.testing.TestingEcr;
import dev.deckhand.testing.TestingSsm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import static dev.deckhand.testing.TestingEcr.digest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

/** {@link EcrImageRegistry} against {@link TestingEcr} through the real SDK. */
class EcrImageRegistryTest
{
    private static final Repository WEB = new Repository("web", Optional.empty(), Optional.empty());
    private static final Instant NOON = Instant.parse("2026-03-01T12:00:00Z");

    private final TestingEcr ecr = new TestingEcr();
    private final TestingSsm ssm = new TestingSsm();
    private final AwsClients clients = new AwsClients(TestingAws.settings(ssm, ecr), TestingAws.credentials());
    private final EcrClient client = clients.ecr();
    private final List<EcrClient> made = new ArrayList<>();
    private final EcrImageRegistry registry = new EcrImageRegistry(client, region -> {
        EcrClient regional = clients.ecr(region);
        made.add(regional);
        return regional;
    });

    @AfterEach
    void close()
    {
        registry.close();
        client.close();
        ecr.close();
        ssm.close();
    }

    @Test
    void aTagOfAMultiArchPushNamesTheIndexDigest()
    {
        String index = digest("index");
        ecr.pushIndex("web", "v2", index, NOON, List.of(digest("amd64"), digest("arm64")));

        Image image = registry.byTag(WEB, "v2").orElseThrow();

        assertThat(image).isEqualTo(new Image("web", TestingEcr.REGISTRY, TestingAws.REGION, index, List.of("v2"), NOON));
        assertThat(image.reference()).isEqualTo("123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/web@" + index);
        JsonNode request = ecr.received("DescribeImages").get(0).body();
        assertThat(request.toString()).isEqualTo("{\"repositoryName\":\"web\",\"imageIds\":[{\"imageTag\":\"v2\"}]}");
    }

    @Test
    void aTagTheRepositoryDoesNotHaveIsNoImage()
    {
        ecr.push("web", "v1", digest("v1"), NOON);

        assertThat(registry.byTag(WEB, "v9")).isEmpty();
    }

    @Test
    void aTagPushedAgainNamesItsNewImage()
    {
        ecr.push("web", "v1", digest("one"), NOON);
        ecr.push("web", "latest", digest("one"), NOON);
        ecr.push("web", "latest", digest("two"), NOON.plusSeconds(600));

        assertThat(registry.byTag(WEB, "latest").orElseThrow().digest()).isEqualTo(digest("two"));
        assertThat(registry.tagged(WEB)).extracting(Image::digest, Image::tags)
                .containsExactly(tuple(digest("two"), List.of("latest")), tuple(digest("one"), List.of("v1")));
    }

    @Test
    void taggedPagesThroughEveryImageAThousandAtATimeNewestFirst()
    {
        ecr.pushMany("web", "build", 2500, NOON);
        ecr.pushIndex("web", "multi", digest("multi"), NOON.minusSeconds(60), List.of(digest("multi-amd64"), digest("multi-arm64")));

        List<Image> images = registry.tagged(WEB);

        assertThat(images).hasSize(2501);
        assertThat(images.get(0).tags()).containsExactly("build-2500");
        assertThat(images.get(2500).digest()).as("the index, not its untagged platform manifests").isEqualTo(digest("multi"));
        assertThat(images).extracting(Image::pushedAt).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(ecr.calls("DescribeImages")).isEqualTo(3);
        assertThat(ecr.received("DescribeImages")).extracting(Call::body).allSatisfy(body -> {
            assertThat(body.path("maxResults").asInt()).isEqualTo(1000);
            assertThat(body.path("filter").toString()).isEqualTo("{\"tagStatus\":\"TAGGED\"}");
        });
    }

    @Test
    void aRepositoryEcrDoesNotKnowIsAFailureWithAdvice()
    {
        AwsFailure byTag = catchThrowableOfType(AwsFailure.class, () -> registry.byTag(new Repository("nope", Optional.empty(), Optional.empty()), "v1"));
        ecr.createRepository("web");
        AwsFailure otherRegistry = catchThrowableOfType(AwsFailure.class, () -> registry.tagged(new Repository("web", Optional.of("999999999999"), Optional.empty())));

        assertThat(byTag.code()).contains("RepositoryNotFoundException");
        assertThat(byTag.action()).isEqualTo("ecr:DescribeImages");
        assertThat(new ErrorTranslator().translate("Finding web's images", byTag).text())
                .isEqualTo(":x: Finding web's images failed: AWS ECR refused ecr:DescribeImages (RepositoryNotFoundException). Check the service's repository (and registry) in the config.");
        assertThat(otherRegistry.code()).contains("RepositoryNotFoundException");
        assertThat(ecr.received("DescribeImages").get(1).body().path("registryId").asText()).isEqualTo("999999999999");
    }

    @Test
    void accessDeniedNamesTheIamActionThatIsMissing()
    {
        ecr.push("web", "v1", digest("v1"), NOON);
        ecr.denyAccess("DescribeImages");

        AwsFailure failure = catchThrowableOfType(AwsFailure.class, () -> registry.tagged(WEB));

        assertThat(failure.isAccessDenied()).isTrue();
        assertThat(failure.service()).isEqualTo("ECR");
        assertThat(failure.action()).isEqualTo("ecr:DescribeImages");
        assertThat(new ErrorTranslator().translate("Finding web's images", failure).text()).contains("refused ecr:DescribeImages (AccessDeniedException)").contains("IAM role");
    }

    @Test
    void throttlingIsRetriedAndNeverThrown()
    {
        ecr.push("web", "v1", digest("v1"), NOON);
        ecr.throttle(1);

        assertThat(registry.byTag(WEB, "v1")).isPresent();
        assertThat(ecr.throttled()).isEqualTo(1);
        assertThat(ecr.calls("DescribeImages")).isEqualTo(2);
    }

    @Test
    void aRepositoryInAnotherRegionIsAskedThroughAClientOfThatRegionKeptUntilClosed()
    {
        ecr.push("mirror", "v1", digest("mirror"), NOON);
        Repository virginia = new Repository("mirror", Optional.empty(), Optional.of("us-east-1"));
        Repository seoul = new Repository("mirror", Optional.empty(), Optional.of(TestingAws.REGION));

        Image image = registry.byTag(virginia, "v1").orElseThrow();
        registry.tagged(virginia);
        registry.byTag(seoul, "v1");

        assertThat(image.region()).isEqualTo("us-east-1");
        assertThat(image.reference()).isEqualTo("123456789012.dkr.ecr.us-east-1.amazonaws.com/mirror@" + digest("mirror"));
        assertThat(ecr.received()).extracting(Call::region).containsExactly("us-east-1", "us-east-1", TestingAws.REGION);
        assertThat(made).hasSize(1);
        assertThat(made.get(0).serviceClientConfiguration().region()).isEqualTo(Region.US_EAST_1);

        registry.close();

        assertThatThrownBy(() -> made.get(0).describeImages(EcrMapping.byTag(virginia, "v1"))).as("closed").isInstanceOf(RuntimeException.class);
        assertThat(ecr.calls("DescribeImages")).isEqualTo(3);
        assertThat(registry.byTag(seoul, "v1")).as("the environment's own client is not the registry's to close").isPresent();
        assertThat(ecr.calls("DescribeImages")).isEqualTo(4);
    }
}
