package dev.deckhand.aws;

import software.amazon.awssdk.services.ecr.model.DescribeImagesFilter;
import software.amazon.awssdk.services.ecr.model.DescribeImagesRequest;
import software.amazon.awssdk.services.ecr.model.DescribeImagesResponse;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.TagStatus;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** ECR's DescribeImages requests and responses, as pure functions of Deckhand's values. */
final class EcrMapping
{
    static final String DESCRIBE_IMAGES = "ecr:DescribeImages";
    /** DescribeImages' largest page. */
    static final int PAGE_SIZE = 1000;

    private static final Comparator<Image> NEWEST_FIRST = Comparator.comparing(Image::pushedAt).reversed().thenComparing(Image::digest);

    private EcrMapping() {}

    /** The image a tag names; ECR answers ImageNotFoundException when the repository has no such tag. */
    static DescribeImagesRequest byTag(Repository repository, String tag)
    {
        return DescribeImagesRequest.builder()
                .repositoryName(repository.name())
                .registryId(repository.registryId().orElse(null))
                .imageIds(ImageIdentifier.builder().imageTag(tag).build())
                .build();
    }

    /** One page of the repository's tagged images (untagged ones, such as a multi-arch index's platform manifests, left out). */
    static DescribeImagesRequest tagged(Repository repository, Optional<String> nextToken)
    {
        return DescribeImagesRequest.builder()
                .repositoryName(repository.name())
                .registryId(repository.registryId().orElse(null))
                .filter(DescribeImagesFilter.builder().tagStatus(TagStatus.TAGGED).build())
                .maxResults(PAGE_SIZE)
                .nextToken(nextToken.orElse(null))
                .build();
    }

    /** The first image of a by-tag answer. */
    static Optional<Image> first(DescribeImagesResponse response, Repository repository, String region)
    {
        return response.imageDetails().stream().findFirst().map(detail -> image(detail, repository, region));
    }

    /** Every image of every page, newest push first: ECR has no order of its own. */
    static List<Image> newestFirst(List<DescribeImagesResponse> pages, Repository repository, String region)
    {
        return pages.stream()
                .flatMap(page -> page.imageDetails().stream())
                .map(detail -> image(detail, repository, region))
                .sorted(NEWEST_FIRST)
                .toList();
    }

    /**
     * The digest is the one ECR keeps for the tag: for a multi-arch push, the index's (manifest list's),
     * which is what a host pulls so that it gets its own platform's image.
     */
    static Image image(ImageDetail detail, Repository repository, String region)
    {
        String registryId = Optional.ofNullable(detail.registryId()).or(repository::registryId)
                .orElseThrow(() -> new IllegalStateException("ECR described an image of " + repository.name() + " without its registry id"));
        Instant pushedAt = Optional.ofNullable(detail.imagePushedAt()).orElse(Instant.EPOCH);
        return new Image(repository.name(), registryId, region, detail.imageDigest(), detail.imageTags(), pushedAt);
    }
}
