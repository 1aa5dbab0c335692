package dev.deckhand.config;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** The whole config file, checked. */
public record DeckhandConfig(
        ZoneId timezone,
        Optional<String> defaultChannel,
        AccessConfig access,
        ScriptsConfig scripts,
        List<String> serviceNames,
        List<String> jobNames)
{
    public DeckhandConfig
    {
        requireNonNull(timezone, "timezone is null");
        requireNonNull(defaultChannel, "defaultChannel is null");
        requireNonNull(access, "access is null");
        requireNonNull(scripts, "scripts is null");
        serviceNames = List.copyOf(serviceNames);
        jobNames = List.copyOf(jobNames);
    }
}
