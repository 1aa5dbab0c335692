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
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/** Reads and checks a config file; throws {@link ConfigException} listing every problem. */
public final class ConfigLoader
{
    // A repeated key would otherwise silently replace the first one. Not YAMLFactory.builder(): it
    // drops the factory's defaults, so an empty list item would read as "" instead of null.
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature()));
    private static final Set<String> TOP_LEVEL = Set.of("timezone", "slack", "access", "scripts", "services", "jobs");

    private final Environment environment;
    private final Path workingDirectory;

    public ConfigLoader(Environment environment, Path workingDirectory)
    {
        this.environment = requireNonNull(environment, "environment is null");
        this.workingDirectory = requireNonNull(workingDirectory, "workingDirectory is null");
    }

    public DeckhandConfig load(Path file)
    {
        JsonNode root = parse(file);
        List<ConfigProblem> problems = new ArrayList<>();
        ConfigNode node = new ConfigNode(root, "", new ConfigContext(environment, problems));
        if (!node.isObject()) {
            throw new ConfigException(file, problems);
        }
        DeckhandConfig config = read(node);
        if (!problems.isEmpty()) {
            throw new ConfigException(file, problems);
        }
        return config;
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

    private DeckhandConfig read(ConfigNode root)
    {
        root.onlyKeys(TOP_LEVEL);
        ZoneId timezone = root.optional("timezone").flatMap(ConfigLoader::zone).orElse(ZoneId.systemDefault());
        Optional<String> channel = root.optional("slack").flatMap(ConfigLoader::defaultChannel);
        AccessConfig access = root.optional("access").map(AccessReader::read).orElse(AccessConfig.empty());
        ScriptsConfig scripts = root.optional("scripts")
                .map(node -> new ScriptsReader(workingDirectory, access).read(node))
                .orElse(new ScriptsConfig(workingDirectory.resolve("scripts"), List.of()));
        List<String> services = root.optional("services").map(ConfigLoader::names).orElse(List.of());
        List<String> jobs = root.optional("jobs").map(ConfigLoader::names).orElse(List.of());
        return new DeckhandConfig(timezone, channel, access, scripts, services, jobs);
    }

    private static Optional<ZoneId> zone(ConfigNode node)
    {
        return node.text().flatMap(text -> {
            try {
                return Optional.of(ZoneId.of(text));
            }
            catch (DateTimeException e) {
                node.problem("'" + text + "' is not a time zone; use a name like Asia/Seoul or UTC");
                return Optional.empty();
            }
        });
    }

    private static Optional<String> defaultChannel(ConfigNode slack)
    {
        if (!slack.isObject()) {
            return Optional.empty();
        }
        slack.onlyKeys(Set.of("channel"));
        return slack.optional("channel").flatMap(ConfigNode::text);
    }

    /** Services and jobs are checked in depth by the capabilities that use them; here only their names. */
    private static List<String> names(ConfigNode list)
    {
        List<String> names = new ArrayList<>();
        for (ConfigNode element : list.elements()) {
            if (element.isObject()) {
                element.required("name").flatMap(ConfigNode::text).ifPresent(names::add);
            }
        }
        return names;
    }
}
