package dev.deckhand.deploy;

import dev.deckhand.aws.Repository;
import dev.deckhand.aws.Targets;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/** One deployable service: its ECR repository, how its container runs, how it is checked, and where it goes. */
public record ServiceDefinition(
        String name,
        Repository repository,
        Container container,
        HealthCheck healthcheck,
        Map<String, EnvironmentDefinition> environments,
        Watch watch,
        Document document)
{
    public ServiceDefinition
    {
        requireNonNull(name, "name is null");
        requireNonNull(repository, "repository is null");
        requireNonNull(container, "container is null");
        requireNonNull(healthcheck, "healthcheck is null");
        // In the order of the file: announcements offer one button per environment, in that order.
        environments = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(environments));
        requireNonNull(watch, "watch is null");
        requireNonNull(document, "document is null");
    }

    public Optional<EnvironmentDefinition> environment(String environment)
    {
        return Optional.ofNullable(environments.get(environment));
    }

    /** How the container runs on each host. */
    public record Container(String name, List<String> ports, Map<String, String> env, Optional<String> envFile, List<String> volumes, List<String> args)
    {
        public Container
        {
            requireNonNull(name, "name is null");
            ports = List.copyOf(ports);
            env = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(env));
            requireNonNull(envFile, "envFile is null");
            volumes = List.copyOf(volumes);
            args = List.copyOf(args);
        }
    }

    /** What the host polls after starting the new container; without a URL, ten seconds of running counts as healthy. */
    public record HealthCheck(Optional<String> url, Duration timeout, Duration interval, Duration within)
    {
        public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
        public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(2);
        public static final Duration DEFAULT_WITHIN = Duration.ofSeconds(60);

        public HealthCheck
        {
            requireNonNull(url, "url is null");
            requireNonNull(timeout, "timeout is null");
            requireNonNull(interval, "interval is null");
            requireNonNull(within, "within is null");
        }
    }

    /** Where and how a service is deployed in one environment, and who may do it. */
    public record EnvironmentDefinition(String name, Targets targets, Optional<String> channel, List<String> allow, int approvals,
            String maxConcurrency, String maxErrors, Optional<String> after)
    {
        public EnvironmentDefinition
        {
            requireNonNull(name, "name is null");
            requireNonNull(targets, "targets is null");
            requireNonNull(channel, "channel is null");
            allow = List.copyOf(allow);
            requireNonNull(maxConcurrency, "maxConcurrency is null");
            requireNonNull(maxErrors, "maxErrors is null");
            requireNonNull(after, "after is null");
        }
    }

    /** New images: which tags count, the environment they go to at once, and how often ECR is asked when no hook tells. */
    public record Watch(Optional<Pattern> tags, Optional<String> autoDeploy, Optional<Duration> poll)
    {
        public Watch
        {
            requireNonNull(tags, "tags is null");
            requireNonNull(autoDeploy, "autoDeploy is null");
            requireNonNull(poll, "poll is null");
        }

        public boolean matches(String tag)
        {
            return tags.map(pattern -> pattern.matcher(tag).find()).orElse(true);
        }
    }

    /** The SSM Command document hosts run, and its version ({@code $DEFAULT}, {@code $LATEST} or a number). */
    public record Document(String name, String version)
    {
        public static final Document DEFAULT = new Document("Deckhand-Deploy", "$DEFAULT");

        public Document
        {
            requireNonNull(name, "name is null");
            requireNonNull(version, "version is null");
        }
    }
}
