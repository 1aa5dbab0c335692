package dev.deckhand.scripts;

import dev.deckhand.config.AccessConfig;
import dev.deckhand.config.ConfigNode;
import dev.deckhand.config.SlackSection;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

final class ScriptsReader
{
    static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_-]*)}");
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");
    private static final Set<String> SCRIPT_KEYS = Set.of(
            "name", "description", "command", "params", "timeout", "allow", "channels", "env", "concurrency");

    private final Path workingDirectory;
    private final AccessConfig access;

    ScriptsReader(Path workingDirectory, AccessConfig access)
    {
        this.workingDirectory = requireNonNull(workingDirectory, "workingDirectory is null");
        this.access = requireNonNull(access, "access is null");
    }

    ScriptsConfig read(ConfigNode scripts)
    {
        Path dir = workingDirectory.resolve("scripts");
        if (!scripts.isObject()) {
            return new ScriptsConfig(dir, List.of());
        }
        scripts.onlyKeys(Set.of("dir", "list"));
        dir = scripts.optional("dir").flatMap(ConfigNode::text).map(workingDirectory::resolve).orElse(dir).normalize();
        List<ScriptDefinition> list = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ConfigNode element : scripts.optional("list").map(ConfigNode::elements).orElse(List.of())) {
            script(element, dir, seen).ifPresent(list::add);
        }
        return new ScriptsConfig(dir, list);
    }

    private Optional<ScriptDefinition> script(ConfigNode node, Path dir, Set<String> seen)
    {
        if (!node.isObject()) {
            return Optional.empty();
        }
        node.onlyKeys(SCRIPT_KEYS);
        Optional<String> name = name(node, seen);
        String description = node.optional("description").flatMap(ConfigNode::text).orElse("");
        List<ParamDefinition> params = node.optional("params").map(ParamsReader::read).orElse(List.of());
        List<String> command = node.required("command").map(ConfigNode::texts).orElse(List.of());
        boolean commandOk = node.optional("command").map(commandNode -> checkCommand(commandNode, command, params, dir)).orElse(false);
        Duration timeout = node.optional("timeout").flatMap(ScriptsReader::timeout).orElse(ScriptDefinition.DEFAULT_TIMEOUT);
        List<String> allow = node.optional("allow").map(access::allow).orElse(List.of());
        List<String> channels = node.optional("channels").map(ScriptsReader::channels).orElse(List.of());
        Map<String, String> env = new java.util.LinkedHashMap<>();
        Set<String> secrets = new HashSet<>();
        node.optional("env").ifPresent(envNode -> readEnv(envNode, env, secrets));
        int concurrency = node.optional("concurrency").flatMap(ConfigNode::integer).orElse(1);
        if (concurrency < 1) {
            node.problem("concurrency must be at least 1");
        }
        if (name.isEmpty() || !commandOk || concurrency < 1) {
            return Optional.empty();
        }
        return Optional.of(new ScriptDefinition(name.get(), description, command, params, timeout, allow, channels, env, secrets, concurrency));
    }

    /** Duplicates are reported even when the first definition has problems of its own. */
    private static Optional<String> name(ConfigNode node, Set<String> seen)
    {
        Optional<String> name = node.required("name").flatMap(ConfigNode::text).filter(text -> validName(node, text));
        name.filter(text -> !seen.add(text))
                .ifPresent(text -> node.problem("a script named '" + text + "' is already defined"));
        return name;
    }

    private static Optional<Duration> timeout(ConfigNode node)
    {
        Optional<Duration> timeout = node.duration();
        if (timeout.isPresent() && timeout.get().isZero()) {
            node.problem("must be longer than 0s");
            return Optional.empty();
        }
        return timeout;
    }

    private static boolean validName(ConfigNode node, String name)
    {
        if (NAME.matcher(name).matches()) {
            return true;
        }
        node.problem("script name '" + name + "' must be lower case letters, digits, - or _ (at most 40)");
        return false;
    }

    private static boolean checkCommand(ConfigNode node, List<String> command, List<ParamDefinition> params, Path dir)
    {
        if (command.isEmpty()) {
            node.problem("must name the program to run, as a list: [program, arg, ...]");
            return false;
        }
        boolean ok = true;
        Path program = dir.resolve(command.get(0)).normalize();
        if (!program.startsWith(dir)) {
            node.problem("'" + command.get(0) + "' must be inside the scripts dir " + dir);
            ok = false;
        }
        else if (!Files.isRegularFile(program)) {
            node.problem("'" + command.get(0) + "' not found in the scripts dir " + dir);
            ok = false;
        }
        Set<String> names = new HashSet<>();
        params.forEach(param -> names.add(param.name()));
        for (String argument : command) {
            Matcher matcher = PLACEHOLDER.matcher(argument);
            while (matcher.find()) {
                if (!names.contains(matcher.group(1))) {
                    node.problem("'{" + matcher.group(1) + "}' is not a param of this script; params are " + names);
                    ok = false;
                }
            }
        }
        return ok;
    }

    private static List<String> channels(ConfigNode node)
    {
        if (!node.isList()) {
            return SlackSection.channel(node).map(List::of).orElse(List.of());
        }
        return node.elements().stream().flatMap(element -> SlackSection.channel(element).stream()).toList();
    }

    private static void readEnv(ConfigNode node, Map<String, String> env, Set<String> secrets)
    {
        Map<String, ConfigNode> entries = node.entries(Optional::of);
        entries.forEach((key, valueNode) -> {
            if (!key.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                valueNode.problem("'" + key + "' is not a valid environment variable name");
                return;
            }
            valueNode.text().ifPresent(value -> {
                env.put(key, value);
                if (valueNode.usesVariable() || key.matches("(?i).*(token|secret|password|key).*")) {
                    secrets.add(value);
                }
                // A variable inside a longer value (a URL with a password) is a secret on its own too.
                secrets.addAll(valueNode.variableValues());
            });
        });
    }
}
