package dev.deckhand.scripts;

import dev.deckhand.config.ConfigNode;
import dev.deckhand.scripts.ParamDefinition.ParamType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

final class ParamsReader
{
    private static final Set<String> KEYS = Set.of("name", "description", "type", "pattern", "enum", "default", "required");

    private ParamsReader() {}

    static List<ParamDefinition> read(ConfigNode list)
    {
        List<ParamDefinition> params = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ConfigNode element : list.elements()) {
            param(element).ifPresent(param -> {
                if (!names.add(param.name())) {
                    element.problem("a param named '" + param.name() + "' is already defined");
                }
                params.add(param);
            });
        }
        return params;
    }

    private static Optional<ParamDefinition> param(ConfigNode node)
    {
        if (!node.isObject()) {
            return Optional.empty();
        }
        node.onlyKeys(KEYS);
        Optional<String> name = node.required("name").flatMap(ConfigNode::text);
        name.filter(text -> !text.matches("[A-Za-z][A-Za-z0-9_-]*"))
                .ifPresent(text -> node.problem("param name '" + text + "' must start with a letter and use letters, digits, - or _"));
        ParamType type = node.optional("type").flatMap(ParamsReader::type).orElse(ParamType.STRING);
        Optional<Pattern> pattern = node.optional("pattern").flatMap(ParamsReader::pattern);
        List<String> allowed = node.optional("enum").map(ConfigNode::texts).orElse(List.of());
        Optional<ConfigNode> defaultNode = node.optional("default");
        Optional<String> defaultValue = defaultNode.flatMap(ConfigNode::text);
        boolean required = node.optional("required").flatMap(ConfigNode::bool).orElse(defaultValue.isEmpty());
        String description = node.optional("description").flatMap(ConfigNode::text).orElse("");
        if (name.isEmpty()) {
            return Optional.empty();
        }
        ParamDefinition param = new ParamDefinition(name.get(), type, pattern, allowed, defaultValue, required, description);
        defaultValue.flatMap(value -> ParamRules.violation(param, value))
                .ifPresent(violation -> defaultNode.orElseThrow().problem(violation));
        return Optional.of(param);
    }

    private static Optional<ParamType> type(ConfigNode node)
    {
        return node.text().flatMap(text -> {
            try {
                return Optional.of(ParamType.valueOf(text.trim().toUpperCase(Locale.ROOT)));
            }
            catch (IllegalArgumentException e) {
                node.problem("'" + text + "' is not a param type; use string, int or bool");
                return Optional.empty();
            }
        });
    }

    private static Optional<Pattern> pattern(ConfigNode node)
    {
        return node.text().flatMap(text -> {
            try {
                return Optional.of(Pattern.compile(text));
            }
            catch (PatternSyntaxException e) {
                node.problem("'" + text + "' is not a valid regular expression: " + e.getDescription());
                return Optional.empty();
            }
        });
    }
}
