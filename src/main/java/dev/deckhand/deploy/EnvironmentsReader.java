package dev.deckhand.deploy;

import dev.deckhand.aws.Targets;
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
    private static final Pattern TAG_KEY = Pattern.compile("tag:[A-Za-z0-9 _.:/=+@-]{1,128}");
    private static final Pattern TAG_VALUE = Pattern.compile("[A-Za-z0-9 _.:/=+@-]{0,256}");
    private static final Pattern INSTANCE = Pattern.compile("(i|mi)-[0-9a-f]{8,17}");
    // SSM's own patterns for the rollout.
    private static final Pattern CONCURRENCY = Pattern.compile("[1-9][0-9]*|[1-9][0-9]%|[1-9]%|100%");
    private static final Pattern ERRORS = Pattern.compile("[0-9]+|[1-9]?[0-9]%|100%");
    /** SSM's limit on {@code InstanceIds} in one SendCommand. */
    private static final int MAX_INSTANCE_IDS = 50;
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
        Optional<Targets> targets = node.required("targets").flatMap(EnvironmentsReader::targets);
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

    /** {@code { "tag:Service": web, "tag:Env": [prod, prod-eu] }}, or a list of instance ids. */
    private static Optional<Targets> targets(ConfigNode node)
    {
        if (node.isList() || !node.isMapping()) {
            List<String> ids = node.texts().stream().filter(id -> {
                if (INSTANCE.matcher(id).matches()) {
                    return true;
                }
                node.problem("'" + id + "' is not an instance id like i-0123456789abcdef0");
                return false;
            }).toList();
            if (ids.size() > MAX_INSTANCE_IDS) {
                node.problem("names " + ids.size() + " instance ids; SSM sends a command to at most " + MAX_INSTANCE_IDS + ", so target these hosts by a tag");
                return Optional.empty();
            }
            return ids.isEmpty() ? Optional.empty() : Optional.of(new Targets(Map.of(), ids));
        }
        Map<String, List<String>> tags = new LinkedHashMap<>();
        node.entries((key, values) -> {
            if (!TAG_KEY.matcher(key).matches()) {
                values.problem("a target is a tag, written tag:Name (or give a list of instance ids)");
                return Optional.empty();
            }
            List<String> texts = values.texts().stream().filter(value -> {
                if (TAG_VALUE.matcher(value).matches()) {
                    return true;
                }
                values.problem("'" + value + "' is not a tag value SSM takes");
                return false;
            }).toList();
            return texts.isEmpty() ? Optional.empty() : Optional.of(texts);
        }).forEach((key, values) -> tags.put(key.substring("tag:".length()), values));
        if (tags.size() > 5) {
            node.problem("SSM takes at most 5 tags to target; use fewer, or tag the hosts with one tag for this environment");
            return Optional.empty();
        }
        if (tags.isEmpty()) {
            node.problem("needs at least one tag, like \"tag:Env\": prod");
            return Optional.empty();
        }
        return Optional.of(new Targets(tags, List.of()));
    }
}
