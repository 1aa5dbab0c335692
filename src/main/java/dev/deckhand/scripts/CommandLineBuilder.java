package dev.deckhand.scripts;


import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A script's argv from its command template and checked values. An argument that is only an absent optional param is left out. */
final class CommandLineBuilder
{
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_-]*)}");

    private CommandLineBuilder() {}

    static List<String> argv(ScriptDefinition script, Path scriptsDir, Map<String, String> values)
    {
        List<String> argv = new ArrayList<>();
        argv.add(scriptsDir.resolve(script.command().get(0)).normalize().toString());
        for (String template : script.command().subList(1, script.command().size())) {
            Matcher whole = PLACEHOLDER.matcher(template);
            if (whole.matches() && !values.containsKey(whole.group(1))) {
                continue;
            }
            argv.add(PLACEHOLDER.matcher(template).replaceAll(match -> Matcher.quoteReplacement(values.getOrDefault(match.group(1), ""))));
        }
        return argv;
    }
}
