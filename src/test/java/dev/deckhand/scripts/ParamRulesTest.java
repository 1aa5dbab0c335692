package dev.deckhand.scripts;

import dev.deckhand.scripts.ParamDefinition.ParamType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import static dev.deckhand.scripts.ParamRules.violation;
import static org.assertj.core.api.Assertions.assertThat;

class ParamRulesTest
{
    private static final ParamDefinition TEXT = param(ParamType.STRING, Optional.empty(), List.of());
    private static final String METACHARACTERS = "must not contain shell metacharacters ; | & $ ` < > or a backslash";

    @Test
    void testPattern()
    {
        ParamDefinition name = param(ParamType.STRING, Optional.of(Pattern.compile("[a-z]{1,5}")), List.of());

        assertThat(violation(name, "abc")).isEmpty();
        assertThat(violation(name, "abcdef")).contains("must match [a-z]{1,5}");
        // The whole value must match, not just a part of it.
        assertThat(violation(name, "abc!")).contains("must match [a-z]{1,5}");
    }

    @Test
    void testPatternIsTheAuthorsChoice()
    {
        ParamDefinition query = param(ParamType.STRING, Optional.of(Pattern.compile(".*")), List.of());

        assertThat(violation(query, "a;b|c")).isEmpty();
    }

    @Test
    void testEnum()
    {
        ParamDefinition size = param(ParamType.STRING, Optional.empty(), List.of("small", "large"));

        assertThat(violation(size, "small")).isEmpty();
        assertThat(violation(size, "Small")).contains("must be one of small, large");
        assertThat(violation(size, "")).contains("must be one of small, large");
    }

    @Test
    void testInt()
    {
        ParamDefinition count = param(ParamType.INT, Optional.empty(), List.of());

        assertThat(violation(count, "42")).isEmpty();
        assertThat(violation(count, "-7")).isEmpty();
        assertThat(violation(count, "4.2")).contains("must be a whole number");
        assertThat(violation(count, "many")).contains("must be a whole number");
        assertThat(violation(count, "")).contains("must be a whole number");
        assertThat(violation(count, "1234567890123456789")).contains("must be a whole number");
    }

    @Test
    void testBool()
    {
        ParamDefinition loud = param(ParamType.BOOL, Optional.empty(), List.of());

        assertThat(violation(loud, "true")).isEmpty();
        assertThat(violation(loud, "false")).isEmpty();
        assertThat(violation(loud, "yes")).contains("must be true or false");
        assertThat(violation(loud, "TRUE")).contains("must be true or false");
    }

    @Test
    void testLengthLimit()
    {
        assertThat(violation(TEXT, "a".repeat(500))).isEmpty();
        assertThat(violation(TEXT, "a".repeat(501))).contains("must be at most 500 characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\nb", "a\rb", "tab\there", "nul\0", "bell\u0007", "del\u007f",
            "next line\u0085", "c1 start\u0080", "c1 end\u009f", "csi\u009b[2J", "line\u2028separator", "para\u2029graph"})
    void testControlCharacters(String value)
    {
        assertThat(violation(TEXT, value)).contains("must not contain control characters or line breaks");
    }

    @Test
    void testControlCharactersRefusedEvenWhenPatternAllowsThem()
    {
        ParamDefinition anything = param(ParamType.STRING, Optional.of(Pattern.compile("(?s).*")), List.of());

        assertThat(violation(anything, "one\ntwo")).contains("must not contain control characters or line breaks");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a;b", "a|b", "a&b", "$HOME", "`id`", "a<b", "a>b", "a\\b", "$(id)"})
    void testShellMetacharactersRefusedForUnconstrainedText(String value)
    {
        assertThat(violation(TEXT, value)).contains(METACHARACTERS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello world", "feature/login-page", "O'Brien", "100%", "a=b,c", "#ops", "한글", "\"quoted\"", "café \u00a0non-breaking"})
    void testOrdinaryTextAccepted(String value)
    {
        assertThat(violation(TEXT, value)).isEmpty();
    }

    @Test
    void testMetacharacterMessageReadsPlainly()
    {
        assertThat(violation(TEXT, "a;b")).hasValueSatisfying(message -> assertThat(message)
                .isEqualTo(METACHARACTERS)
                .doesNotContain("\\\\")
                .doesNotEndWith("\\"));
    }

    private static ParamDefinition param(ParamType type, Optional<Pattern> pattern, List<String> allowedValues)
    {
        return new ParamDefinition("value", type, pattern, allowedValues, Optional.empty(), true, "");
    }
}
