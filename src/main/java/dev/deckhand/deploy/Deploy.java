package dev.deckhand.deploy;

import dev.deckhand.chat.MessageRef;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** One deploy as the store keeps it, from the plan to its end. */
record Deploy(
        String id,
        String service,
        String environment,
        DeployKind kind,
        String tag,
        String digest,
        String image,
        Optional<Instant> pushedAt,
        Optional<String> previousDigest,
        Optional<String> previousTag,
        String requestedBy,
        Instant requestedAt,
        DeployStatus status,
        String channel,
        Optional<MessageRef> message,
        int hostsExpected,
        Optional<String> commandId,
        Optional<Instant> startedAt,
        Optional<Instant> finishedAt,
        Optional<String> stopRequestedBy,
        int hostsSucceeded,
        int hostsFailed)
{
    /** Who an automatic deploy was asked by. */
    static final String ECR_PUSH = "ECR push";

    Deploy
    {
        requireNonNull(id, "id is null");
        requireNonNull(service, "service is null");
        requireNonNull(environment, "environment is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(tag, "tag is null");
        requireNonNull(digest, "digest is null");
        requireNonNull(image, "image is null");
        requireNonNull(pushedAt, "pushedAt is null");
        requireNonNull(previousDigest, "previousDigest is null");
        requireNonNull(previousTag, "previousTag is null");
        requireNonNull(requestedBy, "requestedBy is null");
        requireNonNull(requestedAt, "requestedAt is null");
        requireNonNull(status, "status is null");
        requireNonNull(channel, "channel is null");
        requireNonNull(message, "message is null");
        requireNonNull(commandId, "commandId is null");
        requireNonNull(startedAt, "startedAt is null");
        requireNonNull(finishedAt, "finishedAt is null");
        requireNonNull(stopRequestedBy, "stopRequestedBy is null");
    }

    static String shortDigest(String digest)
    {
        String hex = digest.startsWith("sha256:") ? digest.substring("sha256:".length()) : digest;
        return hex.substring(0, Math.min(12, hex.length()));
    }

    String shortDigest()
    {
        return shortDigest(digest);
    }

    boolean automatic()
    {
        return requestedBy.equals(ECR_PUSH);
    }

    /** This deploy as it ends: for the final message, shown before the end is recorded (an edit is safe to repeat, a lost one is not). */
    Deploy ending(DeployStatus outcome, Instant at, int succeeded, int failed)
    {
        return new Deploy(id, service, environment, kind, tag, digest, image, pushedAt, previousDigest, previousTag, requestedBy, requestedAt, outcome,
                channel, message, hostsExpected, commandId, startedAt, Optional.of(at), stopRequestedBy, succeeded, failed);
    }

    Optional<Duration> duration()
    {
        return startedAt.flatMap(start -> finishedAt.map(end -> Duration.between(start, end)));
    }
}
