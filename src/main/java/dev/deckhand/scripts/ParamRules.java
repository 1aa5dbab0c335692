package dev.deckhand.scripts;

import java.util.Optional;
import java.util.regex.Pattern;

/** The one definition of what makes a param value acceptable; used for defaults and for user input. */
public final class ParamRules
{
    private static final int MAX_LENGTH = 500;
    // Scripts get argv, never a shell line; refusing these still protects a script that hands a value to a shell.
    private static final Pattern SHELL_METACHARACTERS = Pattern.compile("[;|&$`<>\\\\]");

    private ParamRules() {}

    /** Empty when {@code value} is acceptable, otherwise a sentence fragment naming the rule, like "must be a whole number". */
    public static Optional<String> violation(ParamDefinition param, String value)
    {
        if (value.length() > MAX_LENGTH) {
            return Optional.of("must be at most " + MAX_LENGTH + " characters");
        }
        if (value.chars().anyMatch(ParamRules::isControl)) {
            return Optional.of("must not contain control characters or line breaks");
        }
        if (!param.allowedValues().isEmpty() && !param.allowedValues().contains(value)) {
            return Optional.of("must be one of " + String.join(", ", param.allowedValues()));
        }
        if (param.pattern().isPresent() && !param.pattern().get().matcher(value).matches()) {
            return Optional.of("must match " + param.pattern().get().pattern());
        }
        boolean unconstrained = param.allowedValues().isEmpty() && param.pattern().isEmpty();
        if (unconstrained && param.type() == ParamDefinition.ParamType.STRING && SHELL_METACHARACTERS.matcher(value).find()) {
            return Optional.of("must not contain shell metacharacters ; | & $ ` < > or a backslash");
        }
        return switch (param.type()) {
            case INT -> value.matches("-?\\d{1,18}") ? Optional.empty() : Optional.of("must be a whole number");
            case BOOL -> value.equals("true") || value.equals("false") ? Optional.empty() : Optional.of("must be true or false");
            case STRING -> Optional.empty();
        };
    }

    /** C0 and DEL, C1 (U+0080–U+009F, such as U+0085, a line break to some readers), and the Unicode line and paragraph separators. */
    static boolean isControl(int c)
    {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029;
    }
}
