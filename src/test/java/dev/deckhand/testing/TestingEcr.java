package dev.deckhand.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A fake Amazon ECR API ({@code AmazonEC2ContainerRegistry_V20150921}) on loopback, with DescribeImages
 * as ECR answers it: images per repository by tag or digest, the {@code tagStatus} filter, paging
 * by {@code maxResults} (1–1000, 100 when not given) and {@code nextToken}, in no order of push
 * (by digest), ImageNotFoundException for a tag the repository does not have, RepositoryNotFoundException
 * for a repository (or registry) it does not know. Pushing a tag moves it, as a mutable repository does.
 * <pre>{@code
 * TestingEcr ecr = new TestingEcr();
 * ecr.push("web", "v1", "sha256:aaa…", Instant.parse("2026-01-01T00:00:00Z"));
 * ecr.pushIndex("web", "v2", "sha256:index…", pushedAt, List.of("sha256:amd64…", "sha256:arm64…"));
 * ecr.denyAccess("DescribeImages");   ecr.throttle(2);   ecr.calls("DescribeImages");
 * }</pre>
 */
public final class TestingEcr
        extends AwsJsonServer
{
    public static final String REGISTRY = "123456789012";
    public static final String INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    private static final int DEFAULT_PAGE = 100;
    private static final int MAX_PAGE = 1000;

    private final Map<String, StoredRepository> repositories = new LinkedHashMap<>();

    public TestingEcr()
    {
        super("AmazonEC2ContainerRegistry_V20150921", "ecr");
    }

    /** An empty repository in the default registry. */
    public synchronized void createRepository(String name)
    {
        createRepository(name, REGISTRY);
    }

    public synchronized void createRepository(String name, String registryId)
    {
        repositories.computeIfAbsent(name, ignored -> new StoredRepository(registryId, new LinkedHashMap<>()));
    }

    /** A single-platform image pushed with {@code tag}; the tag leaves the image it named before. The repository is created if needed. */
    public synchronized void push(String repository, String tag, String digest, Instant pushedAt)
    {
        store(repository, tag, digest, pushedAt, MANIFEST);
    }

    /** A multi-arch push: the index with {@code tag}, and its platform manifests untagged (pushed a moment before it). */
    public synchronized void pushIndex(String repository, String tag, String indexDigest, Instant pushedAt, List<String> platformDigests)
    {
        for (String platform : platformDigests) {
            store(repository, null, platform, pushedAt.minusMillis(1), MANIFEST);
        }
        store(repository, tag, indexDigest, pushedAt, INDEX);
    }

    /** {@code count} images tagged {@code prefix-1} … {@code prefix-count}, one a minute from {@code first}. */
    public synchronized void pushMany(String repository, String prefix, int count, Instant first)
    {
        for (int i = 1; i <= count; i++) {
            push(repository, prefix + "-" + i, digest(repository + ":" + prefix + "-" + i), first.plusSeconds(60L * i));
        }
    }

    /** A digest as ECR writes one, {@code sha256:} and 64 hex characters, made from {@code seed}. */
    public static String digest(String seed)
    {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    Answer answer(String operation, JsonNode request)
    {
        if (!operation.equals("DescribeImages")) {
            return error("UnknownOperationException", "TestingEcr answers DescribeImages only, not " + operation);
        }
        String name = request.path("repositoryName").asText("");
        StoredRepository repository = repositories.get(name);
        String registryId = request.path("registryId").asText(REGISTRY);
        if (repository == null || !repository.registryId().equals(registryId)) {
            return error("RepositoryNotFoundException", "The repository with name '" + name + "' does not exist in the registry with id '" + registryId + "'");
        }
        if (request.has("imageIds")) {
            return byIds(name, repository, request);
        }
        return page(repository, request);
    }

    private Answer byIds(String name, StoredRepository repository, JsonNode request)
    {
        if (request.has("maxResults") || request.has("nextToken") || request.has("filter")) {
            return error("InvalidParameterException", "Invalid parameter at 'imageIds' failed to satisfy constraint: 'imageIds cannot be used with maxResults, nextToken or filter'");
        }
        ArrayNode details = JSON.createArrayNode();
        for (JsonNode id : request.path("imageIds")) {
            Optional<StoredImage> image = repository.images().values().stream()
                    .filter(stored -> id.has("imageDigest") ? stored.digest().equals(id.path("imageDigest").asText()) : stored.tags().contains(id.path("imageTag").asText()))
                    .findFirst();
            if (image.isEmpty()) {
                return error("ImageNotFoundException", "The image with imageId {imageDigest:'" + id.path("imageDigest").asText("null") + "', imageTag:'"
                        + id.path("imageTag").asText("null") + "'} does not exist within the repository with name '" + name + "' in the registry with id '" + repository.registryId() + "'");
            }
            details.add(detail(name, repository.registryId(), image.get()));
        }
        return ok(object().set("imageDetails", details));
    }

    private Answer page(StoredRepository repository, JsonNode request)
    {
        int size = request.path("maxResults").asInt(DEFAULT_PAGE);
        int offset = offset(request, "nextToken");
        if (size < 1 || size > MAX_PAGE) {
            return error("InvalidParameterException", "Invalid parameter at 'maxResults' failed to satisfy constraint: 'Member must have value less than or equal to 1000'");
        }
        if (offset < 0) {
            return error("InvalidParameterException", "Invalid parameter at 'nextToken': not a token this registry gave");
        }
        String tagStatus = request.path("filter").path("tagStatus").asText("ANY");
        List<StoredImage> matching = repository.images().values().stream()
                .filter(image -> tagStatus.equals("ANY") || tagStatus.equals("TAGGED") == !image.tags().isEmpty())
                .sorted(Comparator.comparing(StoredImage::digest))
                .toList();
        String name = request.path("repositoryName").asText();
        ArrayNode details = JSON.createArrayNode();
        matching.stream().skip(offset).limit(size).forEach(image -> details.add(detail(name, repository.registryId(), image)));
        ObjectNode response = object().set("imageDetails", details);
        if (offset + size < matching.size()) {
            response.put("nextToken", token(offset + size));
        }
        return ok(response);
    }

    private void store(String repository, String tag, String digest, Instant pushedAt, String mediaType)
    {
        createRepository(repository);
        Map<String, StoredImage> images = repositories.get(repository).images();
        if (tag != null) {
            images.values().forEach(image -> image.tags().remove(tag));
        }
        StoredImage image = images.computeIfAbsent(digest, ignored -> new StoredImage(digest, new LinkedHashSet<>(), pushedAt, mediaType));
        if (tag != null) {
            image.tags().add(tag);
        }
    }

    private static ObjectNode detail(String repository, String registryId, StoredImage image)
    {
        ObjectNode detail = object()
                .put("registryId", registryId)
                .put("repositoryName", repository)
                .put("imageDigest", image.digest())
                .put("imageSizeInBytes", 31_415_926L)
                .put("imagePushedAt", timestamp(image.pushedAt()))
                .put("imageManifestMediaType", image.mediaType())
                .put("imageStatus", "ACTIVE");
        if (!image.tags().isEmpty()) {
            detail.set("imageTags", strings(new ArrayList<>(image.tags())));
        }
        return detail;
    }

    private record StoredRepository(String registryId, Map<String, StoredImage> images) {}

    private record StoredImage(String digest, Set<String> tags, Instant pushedAt, String mediaType) {}
}
