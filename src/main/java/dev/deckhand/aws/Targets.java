package dev.deckhand.aws;

import java.util.List;
import java.util.Map;

/**
 * Which EC2 instances a command goes to: instances whose tags have all the given values
 * ({@code tag:Service = web} and {@code tag:Env = prod}; keys without the {@code tag:} prefix),
 * or explicit instance ids. Exactly one of the two is non-empty.
 */
public record Targets(Map<String, List<String>> tags, List<String> instanceIds)
{
    public Targets
    {
        tags = Map.copyOf(tags);
        instanceIds = List.copyOf(instanceIds);
        if (tags.isEmpty() == instanceIds.isEmpty()) {
            throw new IllegalArgumentException("targets need either tags or instance ids");
        }
    }
}
