package dev.deckhand.scripts;

import dev.deckhand.errors.UserError;
import dev.deckhand.scripts.ParamDefinition.ParamType;
import dev.deckhand.text.Language;
import dev.deckhand.text.Text;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParamBinderTest
{
    private static final Text EN = ScriptsMessages.BUNDLE.in(Language.EN);
    private static final ScriptDefinition DEPLOY_NOTES = script(
            param("env", ParamType.STRING, null, List.of("staging", "prod"), null, true),
            param("count", ParamType.INT, null, List.of(), "3", false),
            param("dry", ParamType.BOOL, null, List.of(), "false", false),
            param("name", ParamType.STRING, "[A-Za-z-]{1,32}", List.of(), null, false));

    @Test
    void wordsSplitOnWhitespaceAndQuotesGroup()
    {
        assertThat(ArgumentParser.words("  notes env=prod  name=\"Kim Lee\" 'a b'  ", EN)).containsExactly("notes", "env=prod", "name=Kim Lee", "a b");
        assertThat(ArgumentParser.words("say “smart quotes”", EN)).containsExactly("say", "smart quotes");
        assertThat(ArgumentParser.words("", EN)).isEmpty();
        assertThatThrownBy(() -> ArgumentParser.words("name=\"Kim", EN)).isInstanceOf(UserError.class).hasMessageContaining("quote is not closed");
    }

    @Test
    void namedAndPositionalValuesBindWithDefaults()
    {
        ParamBinder.Binding binding = ParamBinder.bind(EN, DEPLOY_NOTES, List.of("prod", "dry=true", "5"));

        assertThat(binding.values()).isEqualTo(Map.of("env", "prod", "count", "5", "dry", "true"));
        assertThat(binding.missing()).isEmpty();
    }

    @Test
    void missingRequiredParamsAreReportedNotRefused()
    {
        ParamBinder.Binding binding = ParamBinder.bind(EN, DEPLOY_NOTES, List.of("count=1"));

        assertThat(binding.missing()).extracting(ParamDefinition::name).containsExactly("env");
        assertThat(binding.values()).containsEntry("count", "1").doesNotContainKey("env");
    }

    @Test
    void everyViolationIsNamedAtOnce()
    {
        assertThatThrownBy(() -> ParamBinder.bind(EN, DEPLOY_NOTES, List.of("env=dev", "count=many", "dry=yes", "name=Kim;rm", "colour=red")))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("Nothing was run")
                .hasMessageContaining("`colour` is not a param of notes")
                .hasMessageContaining("`env` must be one of staging, prod (got `dev`)")
                .hasMessageContaining("`count` must be a whole number (got `many`)")
                .hasMessageContaining("`dry` must be true or false (got `yes`)")
                .hasMessageContaining("`name` must match [A-Za-z-]{1,32} (got `Kim;rm`)")
                .hasMessageContaining("Usage: `/run notes env=<one of staging, prod> [count=3] [dry=false] [name=<matching [A-Za-z-]{1,32}>]`");
    }

    @Test
    void tooManyValuesAndRepeatsAreRefused()
    {
        assertThatThrownBy(() -> ParamBinder.bind(EN, DEPLOY_NOTES, List.of("prod", "1", "true", "Kim", "extra")))
                .hasMessageContaining("`extra` is one value too many; notes takes 4");
        assertThatThrownBy(() -> ParamBinder.bind(EN, DEPLOY_NOTES, List.of("env=prod", "env=staging")))
                .hasMessageContaining("`env` is given twice");
    }

    @Test
    void tooManyValuesAreSaidOnce()
    {
        ScriptDefinition hello = new ScriptDefinition("hello", "", List.of("hello.sh"), List.of(param("name", ParamType.STRING, "[A-Za-z-]{1,32}", List.of(), "world", false)),
                Duration.ofSeconds(30), List.of("everyone"), List.of(), Map.of(), Set.of(), 1);
        ScriptDefinition none = new ScriptDefinition("uptime", "", List.of("uptime.sh"), List.of(), Duration.ofSeconds(30), List.of("everyone"), List.of(), Map.of(), Set.of(), 1);

        assertThatThrownBy(() -> ParamBinder.bind(EN, hello, ArgumentParser.words("Kim; rm -rf /", EN)))
                .hasMessageContaining("hello takes 1 value (name); you gave 4")
                .hasMessageNotContaining("one value too many")
                .satisfies(e -> assertThat(e.getMessage().split("takes 1 value", -1)).hasSize(2));
        assertThatThrownBy(() -> ParamBinder.bind(EN, none, List.of("now", "please")))
                .hasMessageContaining("uptime takes no values; you gave 2");
    }

    @Test
    void aReplyRepeatsLittleOfTheInput()
    {
        List<String> repeated = java.util.Collections.nCopies(20_000, "env=prod");
        List<String> unknown = java.util.stream.IntStream.range(0, 1000).mapToObj(i -> "p" + i + "=1").toList();

        assertThatThrownBy(() -> ParamBinder.bind(EN, DEPLOY_NOTES, repeated))
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(400).containsOnlyOnce("`env` is given twice"));
        assertThatThrownBy(() -> ParamBinder.bind(EN, DEPLOY_NOTES, unknown))
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(600).contains("; and 995 more problems"));
        assertThatThrownBy(() -> ParamBinder.bind(EN, DEPLOY_NOTES, List.of("env=" + "x".repeat(10_000_000))))
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(400).contains("(got `" + "x".repeat(39) + "…`)"));
        assertThat(ParamBinder.shown("a`b\nc\u0085d")).isEqualTo("a?b?c?d");
    }

    @Test
    void shellMetacharactersAreRefusedInFreeText()
    {
        ScriptDefinition echo = script(param("text", ParamType.STRING, null, List.of(), null, true));

        for (String value : List.of("a;b", "$(reboot)", "`id`", "a|b", "a&b", "a>b", "a<b")) {
            assertThatThrownBy(() -> ParamBinder.bind(EN, echo, List.of("text=" + value)))
                    .as(value)
                    .hasMessageContaining("`text` must not contain shell metacharacters");
        }
        assertThat(ParamBinder.bind(EN, echo, List.of("text=plain words, fine!")).values()).containsEntry("text", "plain words, fine!");
    }

    @Test
    void argvLeavesOutAbsentOptionalPlaceholdersAndNeverJoinsWords()
    {
        ScriptDefinition script = new ScriptDefinition("notes", "", List.of("notes.sh", "--env={env}", "{name}", "{count}"),
                DEPLOY_NOTES.params(), Duration.ofSeconds(30), List.of("everyone"), List.of(), Map.of(), Set.of(), 1);

        List<String> argv = CommandLineBuilder.argv(script, Path.of("/srv/scripts"), Map.of("env", "prod", "count", "3"));

        assertThat(argv).containsExactly("/srv/scripts/notes.sh", "--env=prod", "3");
    }

    private static ScriptDefinition script(ParamDefinition... params)
    {
        return new ScriptDefinition("notes", "", List.of("notes.sh"), List.of(params), Duration.ofSeconds(30),
                List.of("everyone"), List.of(), Map.of(), Set.of(), 1);
    }

    private static ParamDefinition param(String name, ParamType type, String pattern, List<String> allowed, String defaultValue, boolean required)
    {
        return new ParamDefinition(name, type, Optional.ofNullable(pattern).map(Pattern::compile), allowed,
                Optional.ofNullable(defaultValue), required, "");
    }
}
