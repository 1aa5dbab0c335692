package dev.deckhand.deploy;

import dev.deckhand.deploy.ServiceDefinition.Container;
import dev.deckhand.deploy.ServiceDefinition.HealthCheck;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parameters of {@code deploy/ssm/deckhand-deploy.yaml} for one deploy: the image by digest,
 * the container, its health check. The document hands each to its script as an environment
 * variable (never spliced into shell text) and checks each against its own pattern.
 */
final class DeployParameters
{
    private static final Pattern REGION = Pattern.compile("\\.dkr\\.ecr\\.([a-z0-9-]+)\\.amazonaws\\.com/");

    private DeployParameters() {}

    static Map<String, List<String>> of(ServiceDefinition service, Deploy deploy)
    {
        Container container = service.container();
        HealthCheck health = service.healthcheck();
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        put(parameters, "image", deploy.image());
        put(parameters, "containerName", container.name());
        put(parameters, "ports", String.join(",", container.ports()));
        put(parameters, "envFile", container.envFile().orElse(""));
        put(parameters, "env", String.join("\n", container.env().entrySet().stream().map(entry -> entry.getKey() + "=" + entry.getValue()).toList()));
        put(parameters, "volumes", String.join(",", container.volumes()));
        put(parameters, "args", String.join("\n", container.args()));
        put(parameters, "healthcheckUrl", health.url().orElse(""));
        put(parameters, "healthcheckTimeout", Long.toString(health.timeout().toSeconds()));
        put(parameters, "healthcheckInterval", Long.toString(health.interval().toSeconds()));
        put(parameters, "healthcheckWithin", Long.toString(health.within().toSeconds()));
        put(parameters, "region", region(deploy.image()));
        put(parameters, "deployId", deploy.id());
        return parameters;
    }

    static String region(String image)
    {
        Matcher matcher = REGION.matcher(image);
        return matcher.find() ? matcher.group(1) : "";
    }

    private static void put(Map<String, List<String>> parameters, String name, String value)
    {
        parameters.put(name, List.of(value));
    }
}
