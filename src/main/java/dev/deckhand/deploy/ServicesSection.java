package dev.deckhand.deploy;

import dev.deckhand.config.ConfigNode;
import dev.deckhand.config.ConfigSection;
import dev.deckhand.config.SectionContext;
import dev.deckhand.text.Bundle;
import dev.deckhand.text.Language;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code services}: what {@code /deploy} will deploy. Until it does, the section takes the keys
 * DESIGN.md documents and checks their spelling and the plain values (durations, numbers), so a
 * typo is reported now rather than after the upgrade.
 */
public final class ServicesSection
        implements ConfigSection<ServicesConfig>
{
    static final Bundle BUNDLE = Bundle.of(ServicesSection.class);
    private static final Set<String> SERVICE = Set.of("name", "repository", "registry", "region", "container", "healthcheck", "environments", "watch");
    private static final Set<String> CONTAINER = Set.of("name", "ports", "env", "envFile", "volumes", "args");
    private static final Set<String> HEALTHCHECK = Set.of("url", "timeout", "interval", "within");
    private static final Set<String> ENVIRONMENT = Set.of("targets", "channel", "allow", "approvals", "maxConcurrency", "maxErrors", "after");
    private static final Set<String> WATCH = Set.of("tags", "autoDeploy", "poll");

    @Override
    public String key()
    {
        return "services";
    }

    @Override
    public Class<ServicesConfig> type()
    {
        return ServicesConfig.class;
    }

    @Override
    public ServicesConfig read(ConfigNode services, SectionContext context)
    {
        return new ServicesConfig(services.named("service", ServicesSection::service, name -> name));
    }

    @Override
    public ServicesConfig absent(SectionContext context)
    {
        return new ServicesConfig(List.of());
    }

    @Override
    public Optional<String> summary(ServicesConfig value, Language language)
    {
        return Optional.of(BUNDLE.in(language).get("config.summary", "count", value.names().size()));
    }

    private static Optional<String> service(ConfigNode service)
    {
        if (!service.isObject()) {
            return Optional.empty();
        }
        service.onlyKeys(SERVICE);
        Optional<String> name = service.required("name").flatMap(ConfigNode::text);
        service.optional("repository").ifPresent(ConfigNode::text);
        service.optional("registry").ifPresent(ConfigNode::text);
        service.optional("region").ifPresent(ConfigNode::text);
        service.optional("container").filter(ConfigNode::isObject).ifPresent(container -> container.onlyKeys(CONTAINER));
        service.optional("healthcheck").ifPresent(ServicesSection::healthcheck);
        service.optional("environments").ifPresent(environments -> environments.entries(ServicesSection::environment));
        service.optional("watch").filter(ConfigNode::isObject).ifPresent(watch -> {
            watch.onlyKeys(WATCH);
            watch.optional("poll").ifPresent(ConfigNode::duration);
        });
        return name;
    }

    /** A URL, or a mapping with the URL and its timings. */
    private static void healthcheck(ConfigNode healthcheck)
    {
        if (!healthcheck.isMapping()) {
            healthcheck.text();
            return;
        }
        healthcheck.onlyKeys(HEALTHCHECK);
        healthcheck.required("url").ifPresent(ConfigNode::text);
        for (String timing : List.of("timeout", "interval", "within")) {
            healthcheck.optional(timing).ifPresent(ConfigNode::duration);
        }
    }

    private static Optional<Boolean> environment(ConfigNode environment)
    {
        if (!environment.isObject()) {
            return Optional.empty();
        }
        environment.onlyKeys(ENVIRONMENT);
        environment.optional("approvals").flatMap(ConfigNode::integer)
                .filter(approvals -> approvals < 0)
                .ifPresent(approvals -> environment.problem("approvals must be 0 or more"));
        return Optional.of(true);
    }
}
