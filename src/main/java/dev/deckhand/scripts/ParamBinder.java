package dev.deckhand.scripts;

import dev.deckhand.errors.UserError;
import dev.deckhand.text.Text;

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

    static Binding bind(Text text, ScriptDefinition script, List<String> words)
    {
        Map<String, String> given = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        int position = 0;
        for (String word : words) {
            int equals = word.indexOf('=');
            Optional<ParamDefinition> named = equals > 0 ? script.param(word.substring(0, equals)) : Optional.empty();
            if (named.isPresent()) {
                put(text, given, problems, named.get().name(), word.substring(equals + 1));
                continue;
            }
            if (equals > 0 && word.substring(0, equals).matches("[A-Za-z][A-Za-z0-9_-]*")) {
                problems.add(text.get("run.not.a.param", "name", Text.excerpt(word.substring(0, equals), 40), "script", script.name(), "params", names(text, script)));
                continue;
            }
            if (position >= script.params().size()) {
                problems.add(text.get("run.too.many", "word", Text.excerpt(word, 40), "script", script.name(), "count", script.params().size(), "params", names(text, script)));
                continue;
            }
            put(text, given, problems, script.params().get(position++).name(), word);
        }
        return check(text, script, given, problems);
    }

    /** Checks values that came from a form, where each param is a field. */
    static Binding bind(Text text, ScriptDefinition script, Map<String, String> values)
    {
        return check(text, script, new LinkedHashMap<>(values), new ArrayList<>());
    }

    private static Binding check(Text text, ScriptDefinition script, Map<String, String> given, List<String> problems)
    {
        Map<String, String> values = new LinkedHashMap<>();
        List<ParamDefinition> missing = new ArrayList<>();
        for (ParamDefinition param : script.params()) {
            Optional<String> value = Optional.ofNullable(given.get(param.name())).filter(typed -> !typed.isEmpty()).or(param::defaultValue);
            if (value.isEmpty()) {
                if (param.required()) {
                    missing.add(param);
                }
                continue;
            }
            ParamRules.violation(param, value.get(), text)
                    .ifPresent(violation -> problems.add(text.get("run.bad.value", "name", param.name(), "violation", violation, "value", Text.excerpt(value.get(), 60))));
            values.put(param.name(), value.get());
        }
        if (!problems.isEmpty()) {
            throw new UserError(text.get("run.nothing", "problems", String.join("; ", problems), "usage", new ScriptsMessages(text::language).usage(script)));
        }
        return new Binding(values, missing);
    }

    private static void put(Text text, Map<String, String> given, List<String> problems, String name, String value)
    {
        if (given.putIfAbsent(name, value) != null) {
            problems.add(text.get("run.twice", "name", name));
        }
    }

    private static String names(Text text, ScriptDefinition script)
    {
        return script.params().isEmpty() ? text.get("run.no.params")
                : text.get("run.params", "names", String.join(", ", script.params().stream().map(ParamDefinition::name).toList()));
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
