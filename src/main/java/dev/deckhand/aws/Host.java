package dev.deckhand.aws;

import static java.util.Objects.requireNonNull;

/** A managed instance the targets match: its id, its name (computer name, or the id), and whether its SSM agent is online. */
public record Host(String instanceId, String name, boolean online)
{
    public Host
    {
        requireNonNull(instanceId, "instanceId is null");
        requireNonNull(name, "name is null");
    }
}
