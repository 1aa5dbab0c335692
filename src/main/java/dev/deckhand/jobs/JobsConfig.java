package dev.deckhand.jobs;

import java.util.List;

/** The jobs in the config, by name (what {@code /jobs} will run and watch). */
public record JobsConfig(List<String> names)
{
    public JobsConfig
    {
        names = List.copyOf(names);
    }
}
