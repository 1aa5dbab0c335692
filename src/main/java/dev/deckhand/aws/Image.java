package dev.deckhand.aws;

import java.time.Instant;
import java.util.List;

import static java.util.Objects.requireNonNull;

/** An image in ECR, named by its digest ({@code sha256:…}), with the tags that point to it now. */
public record Image(String repository, String registryId, String region, String digest, List<String> tags, Instant pushedAt)
{
    public Image
    {
        requireNonNull(repository, "repository is null");
        requireNonNull(registryId, "registryId is null");
        requireNonNull(region, "region is null");
        requireNonNull(digest, "digest is null");
        tags = List.copyOf(tags);
        requireNonNull(pushedAt, "pushedAt is null");
    }

    /** What a host pulls: {@code <account>.dkr.ecr.<region>.amazonaws.com/<repository>@sha256:<64 hex>}. */
    public String reference()
    {
        return registryId + ".dkr.ecr." + region + ".amazonaws.com/" + repository + "@" + digest;
    }

    /** The first 12 hex characters of the digest, as people see it. */
    public String shortDigest()
    {
        String hex = digest.startsWith("sha256:") ? digest.substring("sha256:".length()) : digest;
        return hex.substring(0, Math.min(12, hex.length()));
    }
}
