package dev.deckhand.deploy;

import dev.deckhand.aws.Targets;
import dev.deckhand.aws.TargetsReader;
import dev.deckhand.config.AccessConfig;
import dev.deckhand.config.ConfigNode;
import dev.deckhand.config.SlackSection;
import dev.deckhand.deploy.ServiceDefinition.EnvironmentDefinition;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/** {@code services[].environments}: each environment's targets, channel, who may deploy, approvals, rollout and order. */
final class EnvironmentsReader
{
    private static final Set<String> KEYS = Set.of("targets", "channel", "allow", "approvals", "maxConcurrency", "maxErrors", "after");
    // SSM's own patterns for the rollout.
    private static final Pattern CONCURRENCY = Pattern.compile("[1-9][0-9]*|[1-9][0-9]%|[1-9]%|100%");
    private static final Pattern ERRORS = Pattern.compile("[0-9]+|[1-9]?[0-9]%|100%");
    static final String DEFAULT_CONCURRENCY = "50%";
    static final String DEFAULT_ERRORS = "0";

    private final AccessConfig access;

    EnvironmentsReader(AccessConfig access)
    {
        this.access = requireNonNull(access, "access is null");
    }

    Map<String, EnvironmentDefinition> read(ConfigNode node)
    {
        Map<String, EnvironmentDefinition> environments = new LinkedHashMap<>(node.entries(this::environment));
        Set<String> declared = node.isMapping() ? node.entries((name, environment) -> Optional.of(name)).keySet() : Set.of();
        if (node.isMapping() && declared.isEmpty()) {
            node.problem("needs at least one environment, like staging: { targets: { \"tag:Env\": staging } }");
        }
        if (!node.isMapping()) {
            return environments;
        }
        node.entries((name, environment) -> {
            environment.optional("after").flatMap(ConfigNode::text).ifPresent(after -> {
                if (after.equals(name) || !declared.contains(after)) {
                    List<String> others = declared.stream().filter(other -> !other.equals(name)).toList();
                    environment.optional("after").orElseThrow().problem("'" + after + "' is not another environment of this service; environments are " + others);
                }
            });
            return Optional.empty();
        });
        return environments;
    }

    private Optional<EnvironmentDefinition> environment(String name, ConfigNode node)
    {
        if (!ServicesSection.NAME.matcher(name).matches()) {
            node.problem("an environment name is lower-case letters, digits, - or _ (at most 40)");
            return Optional.empty();
        }
        if (!node.isObject()) {
            return Optional.empty();
        }
        node.onlyKeys(KEYS);
        Optional<Targets> targets = node.required("targets").flatMap(TargetsReader::read);
        Optional<String> channel = node.optional("channel").flatMap(SlackSection::channel);
        List<String> allow = node.optional("allow").map(access::allow).orElse(List.of("everyone"));
        int approvals = node.optional("approvals").flatMap(ConfigNode::integer).filter(count -> {
            if (count < 0 || count > 10) {
                node.optional("approvals").orElseThrow().problem("must be from 0 to 10");
                return false;
            }
            return true;
        }).orElse(0);
        String concurrency = node.optional("maxConcurrency").flatMap(text -> ServicesSection.matching(text, CONCURRENCY,
                "is not a number of hosts or a percentage like 50%")).orElse(DEFAULT_CONCURRENCY);
        String errors = node.optional("maxErrors").flatMap(text -> ServicesSection.matching(text, ERRORS,
                "is not a number of hosts or a percentage like 10%")).orElse(DEFAULT_ERRORS);
        Optional<String> after = node.optional("after").flatMap(ConfigNode::text);
        return targets.map(found -> new EnvironmentDefinition(name, found, channel, allow, approvals, concurrency, errors, after));
    }
}
