package dev.deckhand.deploy;

import java.util.List;
import java.util.Optional;

/** The services {@code /deploy} deploys, in the order of the config. */
public record ServicesConfig(List<ServiceDefinition> services)
{
    public ServicesConfig
    {
        services = List.copyOf(services);
    }

    public List<String> names()
    {
        return services.stream().map(ServiceDefinition::name).toList();
    }

    public Optional<ServiceDefinition> find(String name)
    {
        return services.stream().filter(service -> service.name().equals(name)).findFirst();
    }

    /** The services whose images live in {@code repository}. */
    public List<ServiceDefinition> forRepository(String repository)
    {
        return services.stream().filter(service -> service.repository().name().equals(repository)).toList();
    }
}
