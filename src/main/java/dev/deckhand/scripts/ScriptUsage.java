package dev.deckhand.scripts;


import java.util.stream.Collectors;

/** How to call a script, e.g. {@code /run hello [name=world]}. */
final class ScriptUsage
{
    private ScriptUsage() {}

    static String of(ScriptDefinition script)
    {
        String params = script.params().stream().map(ScriptUsage::param).collect(Collectors.joining(" "));
        return "`/run " + script.name() + (params.isEmpty() ? "" : " " + params) + "`";
    }

    static String param(ParamDefinition param)
    {
        String shown = param.name() + "=<" + param.rule() + ">";
        if (param.defaultValue().isPresent()) {
            return "[" + param.name() + "=" + param.defaultValue().get() + "]";
        }
        return param.required() ? shown : "[" + shown + "]";
    }
}
