package dev.deckhand.deploy;

import java.util.List;

/** The services in the config, by name (what {@code /deploy} will deploy). */
public record ServicesConfig(List<String> names)
{
    public ServicesConfig
    {
        names = List.copyOf(names);
    }
}
