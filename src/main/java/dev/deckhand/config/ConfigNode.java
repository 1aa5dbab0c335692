package dev.deckhand.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * A position in the YAML tree that knows its path and collects problems instead of throwing,
 * so one pass over a file reports everything wrong with it. The engine every section reads with.
 */
public final class ConfigNode
{
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})([smhd])");

    private final JsonNode node;
    private final String path;
    private final ConfigContext context;

    ConfigNode(JsonNode node, String path, ConfigContext context)
    {
        this.node = requireNonNull(node, "node is null");
        this.path = requireNonNull(path, "path is null");
        this.context = requireNonNull(context, "context is null");
    }

    public String path()
    {
        return path;
    }

    public void problem(String message)
    {
        context.problems().add(path, message);
    }

    public boolean isObject()
    {
        if (!node.isObject()) {
            problem("must be a mapping of keys to values");
            return false;
        }
        return true;
    }

    /** Reports every key not in {@code allowed}. */
    public void onlyKeys(Set<String> allowed)
    {
        if (!node.isObject()) {
            return;
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                child(name).problem("unknown key; expected one of " + allowed.stream().sorted().toList());
            }
        }
    }

    /** True for a mapping, without reporting anything: for values that may be written short or long. */
    public boolean isMapping()
    {
        return node.isObject();
    }

    /** True for a list, without reporting anything. */
    public boolean isList()
    {
        return node.isArray();
    }

    public boolean has(String key)
    {
        return node.has(key) && !node.get(key).isNull();
    }

    public Optional<ConfigNode> optional(String key)
    {
        return has(key) ? Optional.of(child(key)) : Optional.empty();
    }

    public Optional<ConfigNode> required(String key)
    {
        if (!has(key)) {
            context.problems().add(join(key), "is required");
            return Optional.empty();
        }
        return Optional.of(child(key));
    }

    public Optional<String> text()
    {
        if (node.isNull()) {
            problem("must have a value");
            return Optional.empty();
        }
        if (!node.isValueNode()) {
            problem("must be a single value, not a " + (node.isArray() ? "list" : "mapping"));
            return Optional.empty();
        }
        return interpolate(node.asText());
    }

    public boolean usesVariable()
    {
        return node.isTextual() && VARIABLE.matcher(node.asText()).find();
    }

    /** The values of the environment variables this value refers to. */
    public Set<String> variableValues()
    {
        Set<String> values = new HashSet<>();
        Matcher matcher = VARIABLE.matcher(node.isTextual() ? node.asText() : "");
        while (matcher.find()) {
            context.environment().get(matcher.group(1)).ifPresent(values::add);
        }
        return values;
    }

    public Optional<Duration> duration()
    {
        return text().flatMap(text -> {
            Matcher matcher = DURATION.matcher(text.trim());
            if (!matcher.matches()) {
                problem("'" + text + "' is not a duration; write it like 30s, 10m, 1h or 1d");
                return Optional.empty();
            }
            long amount = Long.parseLong(matcher.group(1));
            return Optional.of(switch (matcher.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            });
        });
    }

    /** The text when {@code pattern} matches all of it; otherwise the problem "'<text>' {@code problem}". */
    public Optional<String> matching(Pattern pattern, String problem)
    {
        return text().filter(text -> {
            if (pattern.matcher(text).matches()) {
                return true;
            }
            problem("'" + text + "' " + problem);
            return false;
        });
    }

    public Optional<Integer> integer()
    {
        return text().flatMap(text -> {
            try {
                return Optional.of(Integer.parseInt(text.trim()));
            }
            catch (NumberFormatException e) {
                problem("'" + text + "' is not a whole number");
                return Optional.empty();
            }
        });
    }

    public Optional<Boolean> bool()
    {
        return text().flatMap(text -> switch (text.trim()) {
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> {
                problem("'" + text + "' must be true or false");
                yield Optional.empty();
            }
        });
    }

    /** A list of values; a single value is accepted as a list of one. */
    public List<String> texts()
    {
        if (node.isValueNode()) {
            return text().map(List::of).orElse(List.of());
        }
        return elements().stream().flatMap(element -> element.text().stream()).toList();
    }

    public List<ConfigNode> elements()
    {
        if (!node.isArray()) {
            problem("must be a list");
            return List.of();
        }
        List<ConfigNode> elements = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            elements.add(new ConfigNode(node.get(i), path + "[" + i + "]", context));
        }
        return elements;
    }

    /**
     * A list of named things (services, jobs): each element read by {@code reader}, and a second
     * one with a name already used reported at its own path as "a {@code what} named 'x' is already defined".
     */
    public <T> List<T> named(String what, Function<ConfigNode, Optional<T>> reader, Function<T, String> name)
    {
        List<T> read = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ConfigNode element : elements()) {
            reader.apply(element).ifPresent(value -> {
                if (!seen.add(name.apply(value))) {
                    element.problem("a " + what + " named '" + name.apply(value) + "' is already defined");
                }
                read.add(value);
            });
        }
        return read;
    }

    public <T> Map<String, T> entries(Function<ConfigNode, Optional<T>> reader)
    {
        return entries((key, value) -> reader.apply(value));
    }

    /** The entries of a mapping, in the file's order, each read with its key. */
    public <T> Map<String, T> entries(BiFunction<String, ConfigNode, Optional<T>> reader)
    {
        Map<String, T> entries = new LinkedHashMap<>();
        if (!isObject()) {
            return entries;
        }
        node.fields().forEachRemaining(field -> reader.apply(field.getKey(), child(field.getKey()))
                .ifPresent(value -> entries.put(field.getKey(), value)));
        return entries;
    }

    private ConfigNode child(String key)
    {
        return new ConfigNode(node.get(key), join(key), context);
    }

    private String join(String key)
    {
        return path.isEmpty() ? key : path + "." + key;
    }

    private Optional<String> interpolate(String text)
    {
        Matcher matcher = VARIABLE.matcher(text);
        StringBuilder result = new StringBuilder();
        boolean complete = true;
        while (matcher.find()) {
            Optional<String> value = context.environment().get(matcher.group(1));
            if (value.isEmpty()) {
                problem("environment variable " + matcher.group(1) + " is not set");
                complete = false;
            }
            matcher.appendReplacement(result, Matcher.quoteReplacement(value.orElse("")));
        }
        matcher.appendTail(result);
        return complete ? Optional.of(result.toString()) : Optional.empty();
    }

    record ConfigContext(Environment environment, ConfigProblems problems) {}
}
