package dev.deckhand.scripts;

import dev.deckhand.errors.UserError;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Binds {@code name=value} and positional words to a script's params, checks every value
 * against its rules and reports all violations at once; nothing runs unless all are fine.
 */
final class ParamBinder
{
    private ParamBinder() {}

    static Binding bind(ScriptDefinition script, List<String> words)
    {
        Map<String, String> given = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        int position = 0;
        for (String word : words) {
            int equals = word.indexOf('=');
            Optional<ParamDefinition> named = equals > 0 ? script.param(word.substring(0, equals)) : Optional.empty();
            if (named.isPresent()) {
                put(given, problems, named.get().name(), word.substring(equals + 1));
                continue;
            }
            if (equals > 0 && word.substring(0, equals).matches("[A-Za-z][A-Za-z0-9_-]*")) {
                problems.add("`" + word.substring(0, equals) + "` is not a param of " + script.name() + names(script));
                continue;
            }
            if (position >= script.params().size()) {
                problems.add("`" + word + "` is one value too many; " + script.name() + " takes " + script.params().size() + names(script));
                continue;
            }
            put(given, problems, script.params().get(position++).name(), word);
        }
        return check(script, given, problems);
    }

    /** Checks values that came from a form, where each param is a field. */
    static Binding bind(ScriptDefinition script, Map<String, String> values)
    {
        return check(script, new LinkedHashMap<>(values), new ArrayList<>());
    }

    private static Binding check(ScriptDefinition script, Map<String, String> given, List<String> problems)
    {
        Map<String, String> values = new LinkedHashMap<>();
        List<ParamDefinition> missing = new ArrayList<>();
        for (ParamDefinition param : script.params()) {
            Optional<String> value = Optional.ofNullable(given.get(param.name())).filter(text -> !text.isEmpty()).or(param::defaultValue);
            if (value.isEmpty()) {
                if (param.required()) {
                    missing.add(param);
                }
                continue;
            }
            ParamRules.violation(param, value.get())
                    .ifPresent(violation -> problems.add("`" + param.name() + "` " + violation + " (got `" + value.get() + "`)"));
            values.put(param.name(), value.get());
        }
        if (!problems.isEmpty()) {
            throw new UserError("Nothing was run. " + String.join("; ", problems) + ".\nUsage: " + ScriptUsage.of(script));
        }
        return new Binding(values, missing);
    }

    private static void put(Map<String, String> given, List<String> problems, String name, String value)
    {
        if (given.putIfAbsent(name, value) != null) {
            problems.add("`" + name + "` is given twice");
        }
    }

    private static String names(ScriptDefinition script)
    {
        return script.params().isEmpty() ? " (it takes no params)" : " (params: " + String.join(", ", script.params().stream().map(ParamDefinition::name).toList()) + ")";
    }

    /** Checked values by param name, and required params still missing. */
    record Binding(Map<String, String> values, List<ParamDefinition> missing)
    {
        Binding
        {
            values = Map.copyOf(values);
            missing = List.copyOf(missing);
        }
    }
}
