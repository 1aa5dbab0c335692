package dev.deckhand.aws;

import dev.deckhand.config.ConfigNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** {@link Targets} in a config file, checked against what SSM's SendCommand takes: for deploy environments and SSM jobs alike. */
public final class TargetsReader
{
    private static final Pattern TAG_KEY = Pattern.compile("tag:[A-Za-z0-9 _.:/=+@-]{1,128}");
    private static final Pattern TAG_VALUE = Pattern.compile("[A-Za-z0-9 _.:/=+@-]{0,256}");
    private static final Pattern INSTANCE = Pattern.compile("(i|mi)-[0-9a-f]{8,17}");
    /** SSM's limit on {@code InstanceIds} in one SendCommand. */
    private static final int MAX_INSTANCE_IDS = 50;
    private static final int MAX_TAGS = 5;

    private TargetsReader() {}

    /** {@code { "tag:Service": web, "tag:Env": [prod, prod-eu] }}, or a list of instance ids. */
    public static Optional<Targets> read(ConfigNode node)
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
        if (tags.size() > MAX_TAGS) {
            node.problem("SSM takes at most " + MAX_TAGS + " tags to target; use fewer, or tag the hosts with one tag for this purpose");
            return Optional.empty();
        }
        if (tags.isEmpty()) {
            node.problem("needs at least one tag, like \"tag:Env\": prod");
            return Optional.empty();
        }
        return Optional.of(new Targets(tags, List.of()));
    }
}
