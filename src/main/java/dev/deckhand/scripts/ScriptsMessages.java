package dev.deckhand.scripts;

import dev.deckhand.text.Bundle;
import dev.deckhand.text.CurrentLanguage;
import dev.deckhand.text.Durations;
import dev.deckhand.text.Language;
import dev.deckhand.text.Text;

import java.time.Duration;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * The text of {@code /run} in the config's language: the bundle beside this class, and the
 * pieces several messages share (a param's rule, a script's usage line, a duration).
 */
final class ScriptsMessages
{
    static final Bundle BUNDLE = Bundle.of(ScriptsMessages.class);

    private final CurrentLanguage language;

    ScriptsMessages(CurrentLanguage language)
    {
        this.language = requireNonNull(language, "language is null");
    }

    static ScriptsMessages in(Language language)
    {
        return new ScriptsMessages(CurrentLanguage.fixed(language));
    }

    Text text()
    {
        return BUNDLE.in(language.get());
    }

    /** What a value must be, as shown in hints and in the script list: "one of a, b", "a whole number". */
    String rule(ParamDefinition param)
    {
        Text text = text();
        if (!param.allowedValues().isEmpty()) {
            return text.get("rule.enum", "values", String.join(", ", param.allowedValues()));
        }
        if (param.pattern().isPresent()) {
            return text.get("rule.pattern", "pattern", param.pattern().get().pattern());
        }
        return switch (param.type()) {
            case INT -> text.get("rule.int");
            case BOOL -> text.get("rule.bool");
            case STRING -> text.get("rule.text");
        };
    }

    /** How to call a script, e.g. {@code `/run hello [name=world]`}. */
    String usage(ScriptDefinition script)
    {
        String params = script.params().stream().map(this::usage).collect(Collectors.joining(" "));
        return "`/run " + script.name() + (params.isEmpty() ? "" : " " + params) + "`";
    }

    private String usage(ParamDefinition param)
    {
        if (param.defaultValue().isPresent()) {
            return "[" + param.name() + "=" + param.defaultValue().get() + "]";
        }
        String shown = param.name() + "=<" + rule(param) + ">";
        return param.required() ? shown : "[" + shown + "]";
    }

    /** 3.2s under ten seconds, 42s under two minutes, then 3m 5s. */
    String duration(Duration duration)
    {
        return Durations.format(duration, text());
    }
}
