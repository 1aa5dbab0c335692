package dev.deckhand.scripts;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParser;
import com.slack.api.util.json.GsonFactory;
import dev.deckhand.chat.Message;
import dev.deckhand.scripts.ParamDefinition.ParamType;
import dev.deckhand.scripts.RunMessages.RunView;
import dev.deckhand.text.Language;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Block Kit of the run messages, against golden JSON in src/test/resources/golden. */
class RunMessagesTest
{
    private static final RunView RUN = new RunView("run-1", "U0DEV", "hello name=Kim", Duration.ofSeconds(30), Optional.empty());
    private static final RunMessages MESSAGES = new RunMessages(ScriptsMessages.in(Language.EN));
    private static final ScriptListMessages LISTS = new ScriptListMessages(ScriptsMessages.in(Language.EN));

    @Test
    void running()
            throws IOException
    {
        Message message = MESSAGES.running(RUN, List.of("Hello, Kim!", "still going"), Duration.ofMillis(3200));

        assertGolden("run-running.json", message);
    }

    @Test
    void finishedWithExitCodes()
            throws IOException
    {
        assertGolden("run-succeeded.json", MESSAGES.finished(RUN, result(ProcessResult.Outcome.EXITED, 0), List.of("Hello, Kim!"), false));
        assertGolden("run-failed-uploaded.json", MESSAGES.finished(RUN, result(ProcessResult.Outcome.EXITED, 3), List.of("boom"), true));
    }

    @Test
    void timedOutAndCancelled()
            throws IOException
    {
        RunView cancelled = new RunView("run-1", "U0DEV", "hello name=Kim", Duration.ofSeconds(30), Optional.of("U0ADMIN"));

        assertGolden("run-timed-out.json", MESSAGES.finished(RUN, result(ProcessResult.Outcome.TIMED_OUT, -1), List.of(), false));
        assertGolden("run-cancelled.json", MESSAGES.finished(cancelled, result(ProcessResult.Outcome.CANCELLED, -1), List.of(), false));
    }

    @Test
    void listAndForm()
            throws IOException
    {
        ParamDefinition name = new ParamDefinition("name", ParamType.STRING, Optional.of(Pattern.compile("[A-Za-z-]{1,32}")), List.of(),
                Optional.of("world"), false, "Who to greet");
        ParamDefinition env = new ParamDefinition("env", ParamType.STRING, Optional.empty(), List.of("staging", "prod"), Optional.empty(), true, "");
        ScriptDefinition hello = new ScriptDefinition("hello", "Say hello", List.of("hello.sh", "{name}", "{env}"), List.of(name, env),
                Duration.ofSeconds(30), List.of("everyone"), List.of(), Map.of(), Set.of(), 1);

        assertGolden("script-list.json", LISTS.list(List.of(hello)));
        String form = GsonFactory.createSnakeCase().toJson(LISTS.form(hello, List.of(env), "{\"script\":\"hello\"}"));
        assertThat(pretty(form)).isEqualTo(pretty(golden("run-form.json", form)));
    }

    @Test
    void inKoreanEveryMessageMatchesItsGoldenFile()
            throws IOException
    {
        RunMessages korean = new RunMessages(ScriptsMessages.in(Language.KO));
        ScriptListMessages koreanLists = new ScriptListMessages(ScriptsMessages.in(Language.KO));
        RunView cancelled = new RunView("run-1", "U0DEV", "hello name=Kim", Duration.ofSeconds(30), Optional.of("U0ADMIN"));
        RunView stopped = new RunView("run-1", "U0DEV", "hello name=Kim", Duration.ofSeconds(30), Optional.of(RunMessages.SHUTDOWN));

        assertGolden("ko/run-running.json", korean.running(RUN, List.of("Hello, Kim!", "still going"), Duration.ofMillis(3200)));
        assertGolden("ko/run-succeeded.json", korean.finished(RUN, result(ProcessResult.Outcome.EXITED, 0), List.of("Hello, Kim!"), false));
        assertGolden("ko/run-failed-uploaded.json", korean.finished(RUN, result(ProcessResult.Outcome.EXITED, 3), List.of("boom"), true));
        assertGolden("ko/run-timed-out.json", korean.finished(RUN, result(ProcessResult.Outcome.TIMED_OUT, -1), List.of(), false));
        assertGolden("ko/run-cancelled.json", korean.finished(cancelled, result(ProcessResult.Outcome.CANCELLED, -1), List.of(), false));
        assertGolden("ko/run-shutdown.json", korean.finished(stopped, result(ProcessResult.Outcome.CANCELLED, -1), List.of(), false));
        assertGolden("ko/run-interrupted.json", korean.interrupted("U0DEV", "hello name=Kim"));
        assertGolden("ko/script-list.json", koreanLists.list(List.of(hello())));
        String form = GsonFactory.createSnakeCase().toJson(koreanLists.form(hello(), List.of(hello().params().get(1)), "{\"script\":\"hello\"}"));
        assertThat(pretty(form)).isEqualTo(pretty(golden("ko/run-form.json", form)));
    }

    @Test
    void inEnglishTheRunsThatStoppedSayWhy()
            throws IOException
    {
        RunView stopped = new RunView("run-1", "U0DEV", "hello name=Kim", Duration.ofSeconds(30), Optional.of(RunMessages.SHUTDOWN));

        assertGolden("run-shutdown.json", MESSAGES.finished(stopped, result(ProcessResult.Outcome.CANCELLED, -1), List.of(), false));
        assertGolden("run-interrupted.json", MESSAGES.interrupted("U0DEV", "hello name=Kim"));
    }

    private static ScriptDefinition hello()
    {
        ParamDefinition name = new ParamDefinition("name", ParamType.STRING, Optional.of(Pattern.compile("[A-Za-z-]{1,32}")), List.of(),
                Optional.of("world"), false, "Who to greet");
        ParamDefinition env = new ParamDefinition("env", ParamType.STRING, Optional.empty(), List.of("staging", "prod"), Optional.empty(), true, "");
        return new ScriptDefinition("hello", "Say hello", List.of("hello.sh", "{name}", "{env}"), List.of(name, env),
                Duration.ofSeconds(30), List.of("everyone"), List.of(), Map.of(), Set.of(), 1);
    }

    @Test
    void tailKeepsTheNewestLinesThatFitInASection()
    {
        List<String> lines = IntStream.rangeClosed(1, 500).mapToObj(i -> "line " + i + " " + "x".repeat(90)).toList();

        List<String> visible = RunMessages.visibleTail(lines);

        assertThat(visible).last().asString().startsWith("line 500 ");
        assertThat(String.join("\n", visible).length()).isLessThanOrEqualTo(RunMessages.TAIL_CHARACTERS);
        assertThat(RunMessages.visibleTail(List.of("a ``` b"))).containsExactly("a ''' b");
    }

    private static ProcessResult result(ProcessResult.Outcome outcome, int exitCode)
    {
        return new ProcessResult(outcome, exitCode < 0 ? OptionalInt.empty() : OptionalInt.of(exitCode), Duration.ofMillis(1250), "");
    }

    private static void assertGolden(String name, Message message)
            throws IOException
    {
        String actual = "{\"text\":" + new Gson().toJson(message.text()) + ",\"blocks\":" + GsonFactory.createSnakeCase().toJson(message.blocks()) + "}";
        assertThat(pretty(actual)).as(name).isEqualTo(pretty(golden(name, actual)));
    }

    /** Reads a golden file; with -Ddeckhand.updateGolden=true, first rewrites it from {@code actual} (review the diff before committing). */
    private static String golden(String name, String actual)
            throws IOException
    {
        if (Boolean.getBoolean("deckhand.updateGolden")) {
            java.nio.file.Path file = java.nio.file.Path.of("src/test/resources/golden", name);
            java.nio.file.Files.createDirectories(file.getParent());
            java.nio.file.Files.writeString(file, pretty(actual) + "\n");
            return actual;
        }
        try (InputStream in = RunMessagesTest.class.getResourceAsStream("/golden/" + name)) {
            assertThat(in).as("golden file /golden/" + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String pretty(String json)
    {
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(JsonParser.parseString(json));
    }
}
