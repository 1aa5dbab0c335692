package dev.deckhand.tasks;

import java.util.UUID;

import static java.util.Objects.requireNonNull;

/** This process among the replicas sharing a store: new at every start. */
public record InstanceId(String value)
{
    public InstanceId
    {
        requireNonNull(value, "value is null");
    }

    /** {@code host}: the machine or container name ({@code HOSTNAME}), which tells replicas apart in logs. */
    public static InstanceId random(String host)
    {
        String name = host.replaceAll("[^A-Za-z0-9._-]", "");
        name = name.isEmpty() ? "deckhand" : name.substring(0, Math.min(name.length(), 40));
        return new InstanceId(name + "-" + UUID.randomUUID().toString().substring(0, 8));
    }
}
