package dev.deckhand.console;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.block.element.ButtonElement;
import dev.deckhand.chat.Message;
import dev.deckhand.chat.MessageRef;
import dev.deckhand.text.CurrentLanguage;
import dev.deckhand.text.Language;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Replies in a thread on the terminal: printed like a post, indented under it and marked with ↳, and editable. */
class ConsoleChatTest
{
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final ConsoleChat chat = new ConsoleChat(new PrintStream(bytes, true, StandardCharsets.UTF_8), CurrentLanguage.fixed(Language.EN));

    @Test
    void aReplyIsPrintedIndentedUnderItsParentAndCanBeEdited()
    {
        MessageRef alert = chat.post("ops", Message.text("job backup is failing"));
        MessageRef reply = chat.reply(alert, Message.text("run 2 failed: exit 1"));
        chat.update(reply, Message.text("run 2 failed: exit 1 (retried)"));

        assertThat(reply.channel()).isEqualTo("ops");
        assertThat(reply.id()).isNotEqualTo(alert.id());
        assertThat(output()).containsExactly(
                "[ops] job backup is failing",
                "  ↳ [ops] run 2 failed: exit 1",
                "[ops] (updated) run 2 failed: exit 1 (retried)");
    }

    @Test
    void aReplysButtonsAreNumberedChoices()
    {
        MessageRef alert = chat.post("ops", Message.text("alert"));
        Message withButton = new Message("details", List.of(
                SectionBlock.builder().text(MarkdownTextObject.builder().text("details").build()).build(),
                ActionsBlock.builder().elements(List.of(ButtonElement.builder().actionId("jobs.log").value("run-2")
                        .text(PlainTextObject.builder().text("Show log").build()).build())).build()));

        chat.reply(alert, withButton);

        assertThat(output()).containsExactly("[ops] alert", "  ↳ [ops] details", "  [1] Show log");
    }

    private List<String> output()
    {
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
