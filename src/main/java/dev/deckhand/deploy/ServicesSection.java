package dev.deckhand.deploy;

import dev.deckhand.aws.Repository;
import dev.deckhand.config.AccessConfig;
import dev.deckhand.config.ConfigNode;
import dev.deckhand.config.ConfigSection;
import dev.deckhand.config.SectionContext;
import dev.deckhand.deploy.ServiceDefinition.Container;
import dev.deckhand.deploy.ServiceDefinition.Document;
import dev.deckhand.deploy.ServiceDefinition.EnvironmentDefinition;
import dev.deckhand.deploy.ServiceDefinition.HealthCheck;
import dev.deckhand.deploy.ServiceDefinition.Watch;
import dev.deckhand.text.Language;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code services}: what {@code /deploy} deploys. Every value is checked here against the same
 * rules the SSM document enforces on the host, so a config that loads sends nothing a host refuses.
 */
public final class ServicesSection
        implements ConfigSection<ServicesConfig>
{
    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");
    private static final Set<String> SERVICE = Set.of("name", "repository", "registry", "region", "container", "healthcheck", "environments", "watch", "document");
    private static final Set<String> CONTAINER = Set.of("name", "ports", "env", "envFile", "volumes", "args");
    private static final Set<String> HEALTHCHECK = Set.of("url", "timeout", "interval", "within");
    private static final Set<String> WATCH = Set.of("tags", "autoDeploy", "poll");
    private static final Pattern REPOSITORY = Pattern.compile("[a-z0-9]+(?:[._-][a-z0-9]+)*(?:/[a-z0-9]+(?:[._-][a-z0-9]+)*)*");
    private static final Pattern CONTAINER_NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}");
    /** A port is 1–65535, as the host script's {@code is_port} has it. */
    private static final String PORT = "([1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])";
    private static final Pattern PORTS = Pattern.compile(PORT + ":" + PORT);
    // As deploy/ssm/deckhand-deploy.yaml has them: absolute, and no "." or ".." segments.
    private static final String SAFE_PATH = "(/\\.?[A-Za-z0-9_-][A-Za-z0-9._-]*)+";
    private static final Pattern PATH = Pattern.compile(SAFE_PATH);
    private static final Pattern VOLUME = Pattern.compile(SAFE_PATH + ":" + SAFE_PATH + "(:ro)?");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern ARG = Pattern.compile("[A-Za-z0-9._:/=@,+%-]{1,256}");
    private static final Pattern HEALTH_URL = Pattern.compile("https?://(localhost|127\\.0\\.0\\.1)(:[0-9]{1,5})?(/[A-Za-z0-9._~/?&=%-]*)?");

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
        EnvironmentsReader environments = new EnvironmentsReader(context.section(AccessConfig.class));
        return new ServicesConfig(services.named("service", service -> service(service, environments), ServiceDefinition::name));
    }

    @Override
    public ServicesConfig absent(SectionContext context)
    {
        return new ServicesConfig(List.of());
    }

    @Override
    public Optional<String> summary(ServicesConfig value, Language language)
    {
        return Optional.of(DeployMessages.BUNDLE.in(language).get("config.summary", "count", value.services().size()));
    }

    private static Optional<ServiceDefinition> service(ConfigNode service, EnvironmentsReader environmentsReader)
    {
        if (!service.isObject()) {
            return Optional.empty();
        }
        service.onlyKeys(SERVICE);
        Optional<String> name = service.required("name").flatMap(node -> matching(node, NAME, "a service name is lower-case letters, digits, - or _ (at most 40)"));
        // The repository is named like the service unless it says otherwise; a service may have no environments yet.
        Optional<String> repository = service.optional("repository").map(node -> matching(node, REPOSITORY, "is not an ECR repository name"))
                .orElse(name.filter(text -> REPOSITORY.matcher(text).matches()));
        Optional<String> registry = service.optional("registry").flatMap(node -> matching(node, Pattern.compile("[0-9]{12}"), "is not an AWS account id (12 digits)"));
        Optional<String> region = service.optional("region").flatMap(node -> matching(node, Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]{1,2}"), "is not an AWS region like ap-northeast-2"));
        Container container = service.optional("container").map(node -> container(node, name.orElse("app"))).orElse(defaultContainer(name.orElse("app")));
        HealthCheck healthcheck = service.optional("healthcheck").map(ServicesSection::healthcheck)
                .orElse(new HealthCheck(Optional.empty(), HealthCheck.DEFAULT_TIMEOUT, HealthCheck.DEFAULT_INTERVAL, HealthCheck.DEFAULT_WITHIN));
        Map<String, EnvironmentDefinition> environments = service.optional("environments").map(environmentsReader::read).orElse(Map.of());
        Watch watch = service.optional("watch").map(node -> watch(node, environments)).orElse(new Watch(Optional.empty(), Optional.empty(), Optional.empty()));
        Document document = service.optional("document").map(ServicesSection::document).orElse(Document.DEFAULT);
        if (name.isEmpty() || repository.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ServiceDefinition(name.get(), new Repository(repository.get(), registry, region), container, healthcheck,
                environments, watch, document));
    }

    private static Container defaultContainer(String name)
    {
        return new Container(name, List.of(), Map.of(), Optional.empty(), List.of(), List.of());
    }

    private static Container container(ConfigNode node, String service)
    {
        if (!node.isObject()) {
            return defaultContainer(service);
        }
        node.onlyKeys(CONTAINER);
        String name = node.optional("name").flatMap(text -> matching(text, CONTAINER_NAME, "is not a container name")).orElse(service);
        List<String> ports = node.optional("ports").map(list -> all(list, PORTS, "is not host:container ports like 3000:3000")).orElse(List.of());
        Map<String, String> env = new LinkedHashMap<>();
        node.optional("env").ifPresent(envNode -> envNode.entries((key, value) -> {
            if (!ENV_NAME.matcher(key).matches()) {
                value.problem("is not a valid environment variable name");
                return Optional.empty();
            }
            return value.text().filter(text -> {
                if (text.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
                    value.problem("must be one line, without control characters");
                    return false;
                }
                return true;
            });
        }).forEach(env::put));
        Optional<String> envFile = node.optional("envFile").flatMap(text -> matching(text, PATH, "is not an absolute path on the host"));
        List<String> volumes = node.optional("volumes").map(list -> all(list, VOLUME, "is not a volume like /host/path:/container/path or …:ro")).orElse(List.of());
        List<String> args = node.optional("args").map(list -> all(list, ARG, "is not a plain argument (letters, digits and . _ : / = @ , + % -)")).orElse(List.of());
        return new Container(name, ports, env, envFile, volumes, args);
    }

    /** A URL, or a mapping with the URL and its timings. */
    private static HealthCheck healthcheck(ConfigNode node)
    {
        if (!node.isMapping()) {
            return new HealthCheck(matching(node, HEALTH_URL, "must be an http(s) URL on localhost or 127.0.0.1 (the host checks its own container)"),
                    HealthCheck.DEFAULT_TIMEOUT, HealthCheck.DEFAULT_INTERVAL, HealthCheck.DEFAULT_WITHIN);
        }
        node.onlyKeys(HEALTHCHECK);
        Optional<String> url = node.optional("url").flatMap(text -> matching(text, HEALTH_URL, "must be an http(s) URL on localhost or 127.0.0.1 (the host checks its own container)"));
        return new HealthCheck(url,
                seconds(node, "timeout", HealthCheck.DEFAULT_TIMEOUT, Duration.ofMinutes(1)),
                seconds(node, "interval", HealthCheck.DEFAULT_INTERVAL, Duration.ofMinutes(1)),
                seconds(node, "within", HealthCheck.DEFAULT_WITHIN, Duration.ofMinutes(10)));
    }

    /** Whole seconds from 1 to {@code max}: what the document takes. */
    private static Duration seconds(ConfigNode node, String key, Duration defaultValue, Duration max)
    {
        Optional<Duration> duration = node.optional(key).flatMap(ConfigNode::duration);
        boolean usable = duration.map(value -> !value.isZero() && value.compareTo(max) <= 0).orElse(true);
        if (!usable) {
            node.optional(key).orElseThrow().problem("must be from 1s to " + max.toSeconds() + "s");
        }
        return duration.filter(value -> usable).orElse(defaultValue);
    }

    private static Watch watch(ConfigNode node, Map<String, EnvironmentDefinition> environments)
    {
        if (!node.isObject()) {
            return new Watch(Optional.empty(), Optional.empty(), Optional.empty());
        }
        node.onlyKeys(WATCH);
        Optional<Pattern> tags = node.optional("tags").flatMap(text -> text.text().flatMap(regex -> {
            try {
                return Optional.of(Pattern.compile(regex));
            }
            catch (PatternSyntaxException e) {
                text.problem("'" + regex + "' is not a valid regular expression: " + e.getDescription());
                return Optional.empty();
            }
        }));
        Optional<String> autoDeploy = node.optional("autoDeploy").flatMap(text -> text.text().filter(environment -> {
            if (!environments.containsKey(environment)) {
                text.problem("'" + environment + "' is not an environment of this service; environments are " + environments.keySet());
                return false;
            }
            return true;
        }));
        Optional<Duration> poll = node.optional("poll").flatMap(ConfigNode::duration);
        poll.filter(value -> value.compareTo(Duration.ofSeconds(30)) < 0)
                .ifPresent(value -> node.optional("poll").orElseThrow().problem("must be at least 30s (ECR is asked for every tag each time)"));
        return new Watch(tags, autoDeploy, poll.filter(value -> value.compareTo(Duration.ofSeconds(30)) >= 0));
    }

    private static Document document(ConfigNode node)
    {
        if (!node.isObject()) {
            return Document.DEFAULT;
        }
        node.onlyKeys(Set.of("name", "version"));
        String name = node.optional("name").flatMap(text -> matching(text, Pattern.compile("[a-zA-Z0-9_.:/-]{3,128}"), "is not an SSM document name"))
                .orElse(Document.DEFAULT.name());
        String version = node.optional("version").flatMap(text -> matching(text, Pattern.compile("\\$DEFAULT|\\$LATEST|[0-9]{1,9}"), "must be $DEFAULT, $LATEST or a version number"))
                .orElse(Document.DEFAULT.version());
        return new Document(name, version);
    }

    static Optional<String> matching(ConfigNode node, Pattern pattern, String problem)
    {
        return node.text().filter(text -> {
            if (pattern.matcher(text).matches()) {
                return true;
            }
            node.problem("'" + text + "' " + problem);
            return false;
        });
    }

    private static List<String> all(ConfigNode node, Pattern pattern, String problem)
    {
        List<ConfigNode> elements = node.isList() ? node.elements() : List.of(node);
        return elements.stream().flatMap(element -> matching(element, pattern, problem).stream()).toList();
    }
}
