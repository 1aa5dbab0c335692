package dev.deckhand.scripts;

import dev.deckhand.scripts.port.ScriptCatalog;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** Where scripts live and which of them can be run. */
public record ScriptsConfig(Path dir, List<ScriptDefinition> list)
        implements ScriptCatalog
{
    public ScriptsConfig
    {
        requireNonNull(dir, "dir is null");
        list = List.copyOf(list);
    }

    public Optional<ScriptDefinition> find(String name)
    {
        return list.stream().filter(script -> script.name().equals(name)).findFirst();
    }

    /** In English, as config problems are: an unknown script or parameter, a value its rules refuse, a required one missing. */
    @Override
    public List<String> problems(String name, Map<String, String> values)
    {
        Optional<ScriptDefinition> found = find(name);
        if (found.isEmpty()) {
            return List.of("'" + name + "' is not a script; scripts are " + list.stream().map(ScriptDefinition::name).toList());
        }
        ScriptDefinition script = found.get();
        List<String> problems = new ArrayList<>();
        values.keySet().stream().filter(key -> script.param(key).isEmpty())
                .forEach(key -> problems.add("'" + key + "' is not a parameter of " + name + "; its parameters are " + script.params().stream().map(ParamDefinition::name).toList()));
        for (ParamDefinition param : script.params()) {
            Optional<String> value = Optional.ofNullable(values.get(param.name())).or(param::defaultValue);
            if (value.isEmpty() && param.required()) {
                problems.add(name + " needs a value for " + param.name());
            }
            value.flatMap(given -> ParamRules.violation(param, given)).ifPresent(violation -> problems.add(param.name() + " " + violation));
        }
        return problems;
    }
}
