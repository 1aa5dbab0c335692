package dev.deckhand.chat;

import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.DividerBlock;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.InputBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.view.View;
import dev.deckhand.text.Language;
import dev.deckhand.text.Text;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** Block Kit as terminal text. Pure functions; buttons are listed by {@link ConsoleChat}. */
public final class TextRenderer
{
    private TextRenderer() {}

    public static String render(Message message)
    {
        if (message.blocks().isEmpty()) {
            return message.text();
        }
        return message.blocks().stream()
                .map(TextRenderer::block)
                .filter(Objects::nonNull)
                .collect(Collectors.joining("\n"));
    }

    public static String modal(View view, Language language)
    {
        Text text = ChatException.BUNDLE.in(language);
        List<String> lines = new ArrayList<>();
        lines.add(text.get("form.title", "title", view.getTitle() == null ? "" : view.getTitle().getText()));
        for (LayoutBlock block : view.getBlocks()) {
            if (block instanceof InputBlock input) {
                lines.add("  " + input.getBlockId() + ": " + text(input.getLabel())
                        + (input.getHint() == null ? "" : " — " + text(input.getHint())));
            }
            else {
                String rendered = block(block);
                if (rendered != null) {
                    lines.add("  " + rendered);
                }
            }
        }
        lines.add("  " + text.get("form.hint"));
        return String.join("\n", lines);
    }

    private static String block(LayoutBlock block)
    {
        if (block instanceof SectionBlock section) {
            List<String> parts = new ArrayList<>();
            if (section.getText() != null) {
                parts.add(text(section.getText()));
            }
            if (section.getFields() != null) {
                section.getFields().forEach(field -> parts.add(text(field)));
            }
            return String.join("\n", parts);
        }
        if (block instanceof HeaderBlock header) {
            return text(header.getText());
        }
        if (block instanceof ContextBlock context) {
            return context.getElements().stream()
                    .filter(TextObject.class::isInstance)
                    .map(element -> text((TextObject) element))
                    .collect(Collectors.joining("  "));
        }
        if (block instanceof DividerBlock) {
            return "----";
        }
        return null;
    }

    private static String text(TextObject text)
    {
        if (text instanceof MarkdownTextObject markdown) {
            return markdown.getText();
        }
        if (text instanceof PlainTextObject plain) {
            return plain.getText();
        }
        return "";
    }
}
