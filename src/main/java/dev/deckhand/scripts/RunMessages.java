package dev.deckhand.scripts;

import com.slack.api.model.block.LayoutBlock;
import dev.deckhand.chat.Message;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

/** The channel message of a script run, while it runs and when it ends. Pure functions. */
final class RunMessages
{
    static final String CANCEL_ACTION = "deckhand.run.cancel";
    /** Who cancels the runs still going when Deckhand stops. */
    static final String SHUTDOWN = "shutdown";
    /** Slack allows 3000 characters in a section; keep room for the code fence. */
    static final int TAIL_CHARACTERS = 2800;
    static final int TAIL_LINES = 40;

    private RunMessages() {}

    static Message running(RunView run, List<String> tail, Duration elapsed)
    {
        List<LayoutBlock> blocks = new ArrayList<>(header(run, tail));
        blocks.add(context(List.of(markdownText(":hourglass_flowing_sand: running for " + format(elapsed) + " · timeout " + format(run.timeout())))));
        blocks.add(actions(List.of(button(button -> button.actionId(CANCEL_ACTION).value(run.id()).style("danger").text(plainText("Cancel"))))));
        return new Message(title(run) + " (running)", blocks);
    }

    static Message finished(RunView run, ProcessResult result, List<String> tail, boolean uploaded)
    {
        List<LayoutBlock> blocks = new ArrayList<>(header(run, tail));
        String outcome = outcome(run, result);
        String attachment = uploaded ? " · the full output is attached below as a file" : "";
        blocks.add(context(List.of(markdownText(outcome + attachment))));
        return new Message(title(run) + ": " + outcome, blocks);
    }

    /** The run's message after the replica running it vanished (a crash, a kill): the script did not finish. */
    static Message interrupted(String requester, String commandText)
    {
        String title = "<@" + requester + "> ran `" + commandText + "`";
        String outcome = ":warning: interrupted: Deckhand stopped while this was running (a crash or a restart), so it did not finish."
                + " Run it again if it is still needed.";
        return new Message(title + ": " + outcome, List.of(
                section(section -> section.text(markdownText(title))),
                context(List.of(markdownText(outcome)))));
    }

    /** The lines shown in a message, newest last, within Slack's limits. */
    static List<String> visibleTail(List<String> tail)
    {
        List<String> shown = new ArrayList<>();
        int characters = 0;
        for (int i = tail.size() - 1; i >= 0 && shown.size() < TAIL_LINES; i--) {
            String line = tail.get(i).replace("```", "'''");
            if (characters + line.length() + 1 > TAIL_CHARACTERS) {
                break;
            }
            characters += line.length() + 1;
            shown.add(0, line);
        }
        return shown;
    }

    private static List<LayoutBlock> header(RunView run, List<String> tail)
    {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(section -> section.text(markdownText(title(run)))));
        List<String> shown = visibleTail(tail);
        if (!shown.isEmpty()) {
            blocks.add(section(section -> section.text(markdownText("```" + String.join("\n", shown) + "```"))));
        }
        return blocks;
    }

    private static String title(RunView run)
    {
        return "<@" + run.requester() + "> ran `" + run.commandText() + "`";
    }

    private static String outcome(RunView run, ProcessResult result)
    {
        String took = format(result.duration());
        return switch (result.outcome()) {
            case EXITED -> result.exitCode().orElse(-1) == 0
                    ? ":white_check_mark: exit 0 in " + took
                    : ":x: exit " + result.exitCode().orElse(-1) + " in " + took;
            case TIMED_OUT -> ":alarm_clock: timed out after " + format(run.timeout()) + "; the script and every process it started were stopped";
            case CANCELLED -> run.cancelledBy().filter(SHUTDOWN::equals).isPresent()
                    ? ":octagonal_sign: stopped after " + took + " because Deckhand was shutting down"
                    : ":octagonal_sign: cancelled" + run.cancelledBy().map(user -> " by <@" + user + ">").orElse("")
                    + " after " + took + "; the script and every process it started were stopped";
            case FAILED_TO_START -> ":x: could not start: " + result.failure();
        };
    }

    static String format(Duration duration)
    {
        long millis = duration.toMillis();
        if (millis < 10_000) {
            return String.format(java.util.Locale.ROOT, "%.1fs", millis / 1000.0);
        }
        long seconds = duration.toSeconds();
        if (seconds < 120) {
            return seconds + "s";
        }
        return seconds / 60 + "m " + seconds % 60 + "s";
    }

    /** What the messages need to know about a run. */
    record RunView(String id, String requester, String commandText, Duration timeout, java.util.Optional<String> cancelledBy)
    {
        static RunView of(ScriptRun run, String commandText)
        {
            return new RunView(run.id(), run.requester(), commandText, run.script().timeout(), run.cancelledBy());
        }
    }

    static String commandText(String script, java.util.Map<String, String> values)
    {
        return values.isEmpty() ? script : script + " " + values.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + quote(entry.getValue()))
                .collect(Collectors.joining(" "));
    }

    private static String quote(String value)
    {
        return value.isEmpty() || value.chars().anyMatch(Character::isWhitespace) ? "\"" + value + "\"" : value;
    }

}
