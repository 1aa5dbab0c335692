package dev.deckhand.scripts;

import com.slack.api.model.block.LayoutBlock;
import dev.deckhand.chat.Message;
import dev.deckhand.text.Text;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;
import static java.util.Objects.requireNonNull;

/** The channel message of a script run, while it runs and when it ends, in the config's language. No side effects. */
final class RunMessages
{
    static final String CANCEL_ACTION = "deckhand.run.cancel";
    /** Who cancels the runs still going when Deckhand stops. */
    static final String SHUTDOWN = "shutdown";
    /** Slack allows 3000 characters in a section; keep room for the code fence. */
    static final int TAIL_CHARACTERS = 2800;
    static final int TAIL_LINES = 40;

    private final ScriptsMessages messages;

    RunMessages(ScriptsMessages messages)
    {
        this.messages = requireNonNull(messages, "messages is null");
    }

    Message running(RunView run, List<String> tail, Duration elapsed)
    {
        Text text = messages.text();
        List<LayoutBlock> blocks = new ArrayList<>(header(text, run, tail));
        blocks.add(context(List.of(markdownText(text.get("message.running", "elapsed", messages.duration(elapsed), "timeout", messages.duration(run.timeout()))))));
        blocks.add(actions(List.of(button(button -> button.actionId(CANCEL_ACTION).value(run.id()).style("danger").text(plainText(text.get("message.cancel")))))));
        return new Message(text.get("message.running.text", "title", title(text, run)), blocks);
    }

    Message finished(RunView run, ProcessResult result, List<String> tail, boolean uploaded)
    {
        Text text = messages.text();
        List<LayoutBlock> blocks = new ArrayList<>(header(text, run, tail));
        String outcome = outcome(text, run, result);
        String attachment = uploaded ? text.get("message.attached") : "";
        blocks.add(context(List.of(markdownText(outcome + attachment))));
        return new Message(text.get("message.finished.text", "title", title(text, run), "outcome", outcome), blocks);
    }

    /** The run's message after the replica running it vanished (a crash, a kill): the script did not finish. */
    Message interrupted(String requester, String commandText)
    {
        Text text = messages.text();
        String title = text.get("message.title", "user", requester, "command", commandText);
        String outcome = text.get("message.interrupted");
        return new Message(text.get("message.finished.text", "title", title, "outcome", outcome), List.of(
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

    private static List<LayoutBlock> header(Text text, RunView run, List<String> tail)
    {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(section -> section.text(markdownText(title(text, run)))));
        List<String> shown = visibleTail(tail);
        if (!shown.isEmpty()) {
            blocks.add(section(section -> section.text(markdownText("```" + String.join("\n", shown) + "```"))));
        }
        return blocks;
    }

    private static String title(Text text, RunView run)
    {
        return text.get("message.title", "user", run.requester(), "command", run.commandText());
    }

    private String outcome(Text text, RunView run, ProcessResult result)
    {
        String took = messages.duration(result.duration());
        return switch (result.outcome()) {
            case EXITED -> result.exitCode().orElse(-1) == 0
                    ? text.get("message.exit.ok", "took", took)
                    : text.get("message.exit.failed", "code", result.exitCode().orElse(-1), "took", took);
            case TIMED_OUT -> text.get("message.timed.out", "timeout", messages.duration(run.timeout()));
            case CANCELLED -> run.cancelledBy().filter(SHUTDOWN::equals).isPresent()
                    ? text.get("message.shutdown", "took", took)
                    : run.cancelledBy().map(user -> text.get("message.cancelled.by", "user", user, "took", took))
                            .orElseGet(() -> text.get("message.cancelled", "took", took));
            case FAILED_TO_START -> text.get("message.not.started", "failure", result.failure());
        };
    }

    /** What the messages need to know about a run. */
    record RunView(String id, String requester, String commandText, Duration timeout, Optional<String> cancelledBy)
    {
        static RunView of(ScriptRun run, String commandText)
        {
            return new RunView(run.id(), run.requester(), commandText, run.script().timeout(), run.cancelledBy());
        }
    }

    /** The command as the channel sees it: {@code hello name=Kim}, values with spaces in quotes. */
    static String commandText(String script, Map<String, String> values)
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
