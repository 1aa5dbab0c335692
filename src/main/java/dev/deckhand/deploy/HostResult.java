package dev.deckhand.deploy;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One host of a deploy: its status, the head of its output, and the one-line JSON result the
 * host script prints first ({@code {"outcome":"deployed","digest":…}}), when it printed one.
 */
record HostResult(String instanceId, String name, HostStatus status, String output, Optional<String> result)
{
    HostResult
    {
        requireNonNull(instanceId, "instanceId is null");
        requireNonNull(name, "name is null");
        requireNonNull(status, "status is null");
        requireNonNull(output, "output is null");
        requireNonNull(result, "result is null");
    }
}
