package dev.deckhand.scripts;

import dev.deckhand.errors.UserError;
import dev.deckhand.text.Text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Binds {@code name=value} and positional words to a script's params, checks every value
 * against its rules and reports all violations at once; nothing runs unless all are fine.
 * A reply never repeats more of the input than a few words: each problem is said once, each
 * value shown is shortened, and a long list of problems ends with how many more there are.
 */
final class ParamBinder
{
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");
    private static final int MAX_SHOWN = 40;
    private static final int MAX_PROBLEMS = 5;

    private ParamBinder() {}

    static Binding bind(Text text, ScriptDefinition script, List<String> words)
    {
        Map<String, String> given = new LinkedHashMap<>();
        Set<String> problems = new LinkedHashSet<>();
        List<String> extra = new ArrayList<>();
        int positional = 0;
        for (String word : words) {
            int equals = word.indexOf('=');
            Optional<ParamDefinition> named = equals > 0 ? script.param(word.substring(0, equals)) : Optional.empty();
            if (named.isPresent()) {
                put(text, given, problems, named.get().name(), word.substring(equals + 1));
                continue;
            }
            if (equals > 0 && NAME.matcher(word.substring(0, equals)).matches()) {
                problems.add(text.get("run.not.a.param", "name", shown(word.substring(0, equals)), "script", script.name(), "params", names(text, script)));
                continue;
            }
            if (positional < script.params().size()) {
                put(text, given, problems, script.params().get(positional).name(), word);
            }
            else {
                extra.add(word);
            }
            positional++;
        }
        if (!extra.isEmpty()) {
            problems.add(tooMany(text, script, extra, positional));
        }
        return check(text, script, given, problems);
    }

    /** Checks values that came from a form, where each param is a field. */
    static Binding bind(Text text, ScriptDefinition script, Map<String, String> values)
    {
        return check(text, script, new LinkedHashMap<>(values), new LinkedHashSet<>());
    }

    /** {@code value} as a reply may show it: at most a few words, control characters and backticks replaced. */
    static String shown(String value)
    {
        String shortened = value.length() <= MAX_SHOWN ? value : value.substring(0, MAX_SHOWN - 1) + "…";
        return shortened.chars()
                .map(c -> ParamRules.isControl(c) || c == '`' ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
    }

    private static Binding check(Text text, ScriptDefinition script, Map<String, String> given, Set<String> problems)
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
                    .ifPresent(violation -> problems.add(text.get("run.bad.value", "name", param.name(), "violation", violation, "value", shown(value.get()))));
            values.put(param.name(), value.get());
        }
        if (!problems.isEmpty()) {
            throw new UserError(text.get("run.nothing", "problems", listed(text, problems), "usage", new ScriptsMessages(text::language).usage(script)));
        }
        return new Binding(values, missing);
    }

    private static String listed(Text text, Set<String> problems)
    {
        String first = problems.stream().limit(MAX_PROBLEMS).collect(Collectors.joining("; "));
        int more = problems.size() - MAX_PROBLEMS;
        return more <= 0 ? first : first + text.get(more == 1 ? "run.more.problem" : "run.more.problems", "count", more);
    }

    private static void put(Text text, Map<String, String> given, Set<String> problems, String name, String value)
    {
        if (given.putIfAbsent(name, value) != null) {
            problems.add(text.get("run.twice", "name", name));
        }
    }

    /** Said once however many values are too many, e.g. "hello takes 1 value (name); you gave 4". */
    private static String tooMany(Text text, ScriptDefinition script, List<String> extra, int positional)
    {
        int count = script.params().size();
        String names = script.params().stream().map(ParamDefinition::name).collect(Collectors.joining(", "));
        String takes = count == 0 ? text.get("run.takes.none", "script", script.name(), "given", positional)
                : text.get(count == 1 ? "run.takes.one" : "run.takes.many", "script", script.name(), "count", count, "names", names, "given", positional);
        return extra.size() == 1 ? text.get("run.too.many", "word", shown(extra.get(0)), "takes", takes) : takes;
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
