package dev.deckhand.aws;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** An ECR repository: its name, and the registry (account id) and region when not the defaults of the AWS environment. */
public record Repository(String name, Optional<String> registryId, Optional<String> region)
{
    public Repository
    {
        requireNonNull(name, "name is null");
        requireNonNull(registryId, "registryId is null");
        requireNonNull(region, "region is null");
    }
}
