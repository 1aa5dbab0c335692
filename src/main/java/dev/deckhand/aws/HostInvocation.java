package dev.deckhand.aws;

import static java.util.Objects.requireNonNull;

/**
 * One host's part of a command: its instance, status, and the head of its output as SSM keeps it
 * (at most about 2,500 characters of stdout and stderr; empty until it finishes).
 */
public record HostInvocation(String instanceId, String instanceName, InvocationStatus status, String output)
{
    public HostInvocation
    {
        requireNonNull(instanceId, "instanceId is null");
        requireNonNull(instanceName, "instanceName is null");
        requireNonNull(status, "status is null");
        requireNonNull(output, "output is null");
    }
}
