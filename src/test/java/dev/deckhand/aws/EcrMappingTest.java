package dev.deckhand.aws;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.model.DescribeImagesRequest;
import software.amazon.awssdk.services.ecr.model.DescribeImagesResponse;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.TagStatus;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ECR's DescribeImages requests and responses, built from and read into Deckhand's values with no SDK client. */
class EcrMappingTest
{
    private static final Repository WEB = new Repository("team/web", Optional.empty(), Optional.empty());
    private static final Repository SHARED = new Repository("team/web", Optional.of("210987654321"), Optional.of("us-east-1"));
    private static final Instant NOON = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void byTagAsksForThatTagOnly()
    {
        DescribeImagesRequest request = EcrMapping.byTag(WEB, "v2");

        assertThat(request.repositoryName()).isEqualTo("team/web");
        assertThat(request.registryId()).isNull();
        assertThat(request.imageIds()).containsExactly(ImageIdentifier.builder().imageTag("v2").build());
        assertThat(request.maxResults()).as("not allowed with imageIds").isNull();
        assertThat(request.filter()).isNull();
        assertThat(EcrMapping.byTag(SHARED, "v2").registryId()).isEqualTo("210987654321");
    }

    @Test
    void taggedAsksForTaggedImagesAThousandAPage()
    {
        DescribeImagesRequest first = EcrMapping.tagged(SHARED, Optional.empty());
        DescribeImagesRequest next = EcrMapping.tagged(SHARED, Optional.of("t2"));

        assertThat(first.filter().tagStatus()).isEqualTo(TagStatus.TAGGED);
        assertThat(first.maxResults()).isEqualTo(1000);
        assertThat(first.registryId()).isEqualTo("210987654321");
        assertThat(first.hasImageIds()).isFalse();
        assertThat(first.nextToken()).isNull();
        assertThat(next.nextToken()).isEqualTo("t2");
    }

    @Test
    void anImageIsNamedByTheDigestEcrKeepsWithTheRegistryItAnswersFrom()
    {
        ImageDetail index = detail("sha256:index", NOON, "v2", "latest").toBuilder().imageManifestMediaType("application/vnd.oci.image.index.v1+json").build();

        Image image = EcrMapping.image(index, WEB, "ap-northeast-2");

        assertThat(image).isEqualTo(new Image("team/web", "123456789012", "ap-northeast-2", "sha256:index", List.of("v2", "latest"), NOON));
        assertThat(EcrMapping.image(index.toBuilder().registryId(null).build(), SHARED, "us-east-1").registryId()).as("the repository's, when ECR leaves it out").isEqualTo("210987654321");
        assertThatThrownBy(() -> EcrMapping.image(index.toBuilder().registryId(null).build(), WEB, "ap-northeast-2")).isInstanceOf(IllegalStateException.class);
        assertThat(EcrMapping.image(index.toBuilder().imagePushedAt(null).build(), WEB, "ap-northeast-2").pushedAt()).isEqualTo(Instant.EPOCH);
    }

    @Test
    void pagesAreJoinedNewestPushFirst()
    {
        List<Image> images = EcrMapping.newestFirst(List.of(
                DescribeImagesResponse.builder().imageDetails(detail("sha256:b", NOON, "v2"), detail("sha256:a", NOON.minusSeconds(60), "v1")).nextToken("t").build(),
                DescribeImagesResponse.builder().imageDetails(detail("sha256:d", NOON.plusSeconds(60), "v3"), detail("sha256:c", NOON, "v2-again")).build()), WEB, "ap-northeast-2");

        assertThat(images).extracting(Image::digest).containsExactly("sha256:d", "sha256:b", "sha256:c", "sha256:a");
        assertThat(EcrMapping.newestFirst(List.of(DescribeImagesResponse.builder().build()), WEB, "ap-northeast-2")).isEmpty();
    }

    @Test
    void aByTagAnswerIsItsFirstImage()
    {
        assertThat(EcrMapping.first(DescribeImagesResponse.builder().imageDetails(detail("sha256:a", NOON, "v1")).build(), WEB, "ap-northeast-2"))
                .map(Image::digest).contains("sha256:a");
        assertThat(EcrMapping.first(DescribeImagesResponse.builder().build(), WEB, "ap-northeast-2")).isEmpty();
    }

    private static ImageDetail detail(String digest, Instant pushedAt, String... tags)
    {
        return ImageDetail.builder().registryId("123456789012").repositoryName("team/web").imageDigest(digest).imagePushedAt(pushedAt).imageTags(tags).build();
    }
}
