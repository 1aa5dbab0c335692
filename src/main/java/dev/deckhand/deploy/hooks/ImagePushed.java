package dev.deckhand.deploy.hooks;

import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * An image pushed to ECR, as a hook reported it: the repository, the tag when the event carried
 * one (a multi-arch push sends untagged events for its platform manifests), the digest, when,
 * and an id for de-duplication (the SNS MessageId or the EventBridge event id); {@code via} says how
 * it arrived: {@code sns}, {@code eventbridge} or {@code token}.
 */
public record ImagePushed(String repository, Optional<String> tag, String digest, Instant pushedAt, String eventId, String via)
{
    public ImagePushed
    {
        requireNonNull(repository, "repository is null");
        requireNonNull(tag, "tag is null");
        requireNonNull(digest, "digest is null");
        requireNonNull(pushedAt, "pushedAt is null");
        requireNonNull(eventId, "eventId is null");
        requireNonNull(via, "via is null");
    }
}
