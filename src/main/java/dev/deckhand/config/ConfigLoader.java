package dev.deckhand.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.deckhand.config.ConfigNode.ConfigContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Reads and checks a config file with every section it is given, the shared ones first;
 * throws {@link ConfigException} listing every problem. A top-level key no section owns is a problem.
 */
public final class ConfigLoader
{
    // A repeated key would otherwise silently replace the first one. Not YAMLFactory.builder(): it
    // drops the factory's defaults, so an empty list item would read as "" instead of null.
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature()));

    private final Environment environment;
    private final Path workingDirectory;
    private final List<ConfigSection<?>> sections;

    /** {@code sections}: the capabilities' own, in the order they are read, after the shared ones. */
    public ConfigLoader(Environment environment, Path workingDirectory, List<ConfigSection<?>> sections)
    {
        this.environment = requireNonNull(environment, "environment is null");
        this.workingDirectory = requireNonNull(workingDirectory, "workingDirectory is null");
        List<ConfigSection<?>> all = new ArrayList<>(shared());
        all.addAll(requireNonNull(sections, "sections is null"));
        Set<String> keys = new HashSet<>();
        Set<Class<?>> types = new HashSet<>();
        for (ConfigSection<?> section : all) {
            if (!keys.add(section.key()) || !types.add(section.type())) {
                throw new IllegalArgumentException("two config sections claim '" + section.key() + "' or " + section.type().getSimpleName());
            }
        }
        this.sections = List.copyOf(all);
    }

    /** The sections config/ owns: {@code timezone}, {@code locale}, {@code slack} and {@code access}. */
    public static List<ConfigSection<?>> shared()
    {
        return List.of(new TimezoneSection(), new LocaleSection(), new SlackSection(), new AccessSection());
    }

    public DeckhandConfig load(Path file)
    {
        JsonNode root = parse(file);
        ConfigProblems problems = new ConfigProblems();
        ConfigNode node = new ConfigNode(root, "", new ConfigContext(environment, problems));
        if (!node.isObject()) {
            throw new ConfigException(file, problems.list());
        }
        DeckhandConfig config = read(node);
        config.check(problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(file, problems.list());
        }
        return config;
    }

    private DeckhandConfig read(ConfigNode root)
    {
        root.onlyKeys(keys());
        Map<Class<?>, Object> read = new LinkedHashMap<>();
        Map<ConfigSection<?>, Object> values = new LinkedHashMap<>();
        SectionContext context = new SectionContext(workingDirectory, read);
        for (ConfigSection<?> section : sections) {
            Optional<ConfigNode> node = root.optional(section.key());
            Object value = node.isPresent() ? section.read(node.get(), context) : section.absent(context);
            read.put(section.type(), requireNonNull(value, section.key() + " read as null"));
            values.put(section, value);
        }
        return new DeckhandConfig(values);
    }

    private Set<String> keys()
    {
        Set<String> keys = new HashSet<>();
        sections.forEach(section -> keys.add(section.key()));
        return keys;
    }

    private JsonNode parse(Path file)
    {
        try {
            JsonNode root = YAML.readTree(Files.readString(file));
            return root == null || root instanceof MissingNode ? YAML.createObjectNode() : root;
        }
        catch (NoSuchFileException e) {
            throw new ConfigException(file, List.of(new ConfigProblem("", "file not found (set DECKHAND_CONFIG or create it)")));
        }
        catch (JacksonException e) {
            JsonLocation location = e.getLocation();
            String where = location == null ? "" : "line " + location.getLineNr() + ", column " + location.getColumnNr();
            throw new ConfigException(file, List.of(new ConfigProblem(where, "not valid YAML: " + e.getOriginalMessage())));
        }
        catch (IOException e) {
            throw new ConfigException(file, List.of(new ConfigProblem("", "cannot be read: " + e.getMessage())));
        }
    }
}
