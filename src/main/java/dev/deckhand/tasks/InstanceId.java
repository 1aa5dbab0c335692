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

    public static InstanceId random()
    {
        String host = System.getenv().getOrDefault("HOSTNAME", "deckhand");
        return new InstanceId(host + "-" + UUID.randomUUID().toString().substring(0, 8));
    }
}
