package dev.deckhand.aws;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.DescribeImagesResponse;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * {@link ImageRegistry} on Amazon ECR. A repository in another region than the environment's
 * is asked through a client of its own region, made on first use and kept until {@link #close()}.
 */
final class EcrImageRegistry
        implements ImageRegistry, AutoCloseable
{
    private final EcrClient client;
    private final Region region;
    private final Function<Region, EcrClient> clientFor;
    private final Map<Region, EcrClient> regional = new ConcurrentHashMap<>();

    /** {@code client}: the environment's region's, closed by whoever made it; {@code clientFor}: makes a client for another region. */
    EcrImageRegistry(EcrClient client, Function<Region, EcrClient> clientFor)
    {
        this.client = requireNonNull(client, "client is null");
        this.region = client.serviceClientConfiguration().region();
        this.clientFor = requireNonNull(clientFor, "clientFor is null");
    }

    @Override
    public Optional<Image> byTag(Repository repository, String tag)
    {
        requireNonNull(tag, "tag is null");
        EcrClient ecr = clientFor(repository);
        try {
            return EcrMapping.first(ecr.describeImages(EcrMapping.byTag(repository, tag)), repository, regionOf(ecr));
        }
        catch (ImageNotFoundException e) {
            return Optional.empty();
        }
        catch (SdkException e) {
            throw AwsErrors.failure(AwsErrors.ECR, EcrMapping.DESCRIBE_IMAGES, e);
        }
    }

    @Override
    public List<Image> tagged(Repository repository)
    {
        EcrClient ecr = clientFor(repository);
        try {
            List<DescribeImagesResponse> pages = Pages.all(token -> ecr.describeImages(EcrMapping.tagged(repository, token)), DescribeImagesResponse::nextToken);
            return EcrMapping.newestFirst(pages, repository, regionOf(ecr));
        }
        catch (SdkException e) {
            throw AwsErrors.failure(AwsErrors.ECR, EcrMapping.DESCRIBE_IMAGES, e);
        }
    }

    /** Closes the clients of other regions; the environment's own is not this registry's to close. */
    @Override
    public void close()
    {
        regional.values().forEach(EcrClient::close);
        regional.clear();
    }

    private EcrClient clientFor(Repository repository)
    {
        Optional<Region> wanted = repository.region().map(Region::of).filter(other -> !other.equals(region));
        return wanted.map(other -> regional.computeIfAbsent(other, clientFor)).orElse(client);
    }

    private static String regionOf(EcrClient ecr)
    {
        return ecr.serviceClientConfiguration().region().id();
    }
}
