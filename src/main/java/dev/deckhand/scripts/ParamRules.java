package dev.deckhand.scripts;

import dev.deckhand.text.Language;
import dev.deckhand.text.Text;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The one definition of what makes a param value acceptable; used for defaults and for user input. */
public final class ParamRules
{
    private static final int MAX_LENGTH = 500;
    // Scripts get argv, never a shell line; refusing these still protects a script that hands a value to a shell.
    private static final Pattern SHELL_METACHARACTERS = Pattern.compile("[;|&$`<>\\\\]");

    private ParamRules() {}

    /** Empty when {@code value} is acceptable, otherwise a sentence fragment naming the rule in English, like "must be a whole number" (config problems). */
    public static Optional<String> violation(ParamDefinition param, String value)
    {
        return violation(param, value, ScriptsMessages.BUNDLE.in(Language.EN));
    }

    /** The same, in {@code text}'s language (what people typed). */
    static Optional<String> violation(ParamDefinition param, String value, Text text)
    {
        return rule(param, value).map(violation -> text.get(violation.key(), violation.arguments().toArray()));
    }

    private static Optional<Violation> rule(ParamDefinition param, String value)
    {
        if (value.length() > MAX_LENGTH) {
            return Optional.of(new Violation("value.too.long", "max", MAX_LENGTH));
        }
        if (value.chars().anyMatch(ParamRules::isControl)) {
            return Optional.of(new Violation("value.control"));
        }
        if (!param.allowedValues().isEmpty() && !param.allowedValues().contains(value)) {
            return Optional.of(new Violation("value.enum", "values", String.join(", ", param.allowedValues())));
        }
        if (param.pattern().isPresent() && !param.pattern().get().matcher(value).matches()) {
            return Optional.of(new Violation("value.pattern", "pattern", param.pattern().get().pattern()));
        }
        boolean unconstrained = param.allowedValues().isEmpty() && param.pattern().isEmpty();
        if (unconstrained && param.type() == ParamDefinition.ParamType.STRING && SHELL_METACHARACTERS.matcher(value).find()) {
            return Optional.of(new Violation("value.shell"));
        }
        return switch (param.type()) {
            case INT -> value.matches("-?\\d{1,18}") ? Optional.empty() : Optional.of(new Violation("value.int"));
            case BOOL -> value.equals("true") || value.equals("false") ? Optional.empty() : Optional.of(new Violation("value.bool"));
            case STRING -> Optional.empty();
        };
    }

    /** C0 and DEL, C1 (U+0080–U+009F, such as U+0085, a line break to some readers), and the Unicode line and paragraph separators. */
    static boolean isControl(int c)
    {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029;
    }

    /** A broken rule: its message key and the name, value pairs it needs. */
    private record Violation(String key, List<Object> arguments)
    {
        Violation(String key, Object... arguments)
        {
            this(key, List.of(arguments));
        }
    }
}
