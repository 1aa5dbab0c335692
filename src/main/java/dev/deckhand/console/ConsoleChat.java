package dev.deckhand.console;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import dev.deckhand.chat.Chat;
import dev.deckhand.chat.Conversation;
import dev.deckhand.chat.Message;
import dev.deckhand.chat.MessageRef;
import dev.deckhand.chat.TextRenderer;
import dev.deckhand.text.Bundle;
import dev.deckhand.text.CurrentLanguage;
import dev.deckhand.text.Text;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static java.util.Objects.requireNonNull;

/** {@link Chat} on a terminal: messages as text, buttons as numbered choices, files printed inline. */
final class ConsoleChat
        implements Chat
{
    private static final long MAX_FILE_PRINT = 64 * 1024;

    static final Bundle BUNDLE = Bundle.of(ConsoleChat.class);

    private final PrintStream out;
    private final CurrentLanguage language;
    private final AtomicInteger messages = new AtomicInteger();
    private final ConsoleButtons buttons = new ConsoleButtons();

    ConsoleChat(PrintStream out, CurrentLanguage language)
    {
        this.out = requireNonNull(out, "out is null");
        this.language = requireNonNull(language, "language is null");
    }

    ConsoleButtons buttons()
    {
        return buttons;
    }

    @Override
    public MessageRef post(String channel, Message message)
    {
        MessageRef ref = new MessageRef(channel, "m" + messages.incrementAndGet());
        print(text().get("channel", "channel", channel), ref, message);
        return ref;
    }

    /** Printed like a post, indented under it and marked as a reply. */
    @Override
    public MessageRef reply(MessageRef parent, Message message)
    {
        MessageRef ref = new MessageRef(parent.channel(), "m" + messages.incrementAndGet());
        print(text().get("thread") + text().get("channel", "channel", parent.channel()), ref, message);
        return ref;
    }

    @Override
    public void update(MessageRef message, Message replacement)
    {
        print(text().get("channel", "channel", message.channel()) + text().get("updated"), message, replacement);
    }

    @Override
    public void ephemeral(Conversation conversation, Message message)
    {
        print(text().get("only.you"), null, message);
    }

    @Override
    public void upload(String channel, String filename, String title, Path content)
    {
        synchronized (out) {
            Text text = text();
            out.println(text.get("channel", "channel", channel) + text.get("file", "filename", filename, "title", title));
            try {
                if (Files.size(content) <= MAX_FILE_PRINT) {
                    out.println(Files.readString(content));
                }
                else {
                    out.println(text.get("file.kept", "bytes", Files.size(content), "path", content));
                }
            }
            catch (IOException e) {
                out.println(text.get("file.unreadable", "reason", e.getMessage()));
            }
        }
    }

    @Override
    public void openModal(String triggerId, View view)
    {
        synchronized (out) {
            out.println(TextRenderer.modal(view, language.get()));
        }
    }

    @Override
    public void publishHome(String userId, View view)
    {
        List<LayoutBlock> blocks = view.getBlocks() == null ? List.of() : view.getBlocks();
        synchronized (out) {
            out.println(text().get("home", "user", userId) + TextRenderer.render(new Message("", blocks)));
        }
    }

    private Text text()
    {
        return BUNDLE.in(language.get());
    }

    private void print(String prefix, MessageRef ref, Message message)
    {
        synchronized (out) {
            List<ConsoleButtons.Choice> choices = ref == null ? List.of() : buttons.register(ref, message.blocks());
            out.println(prefix + TextRenderer.render(message));
            for (ConsoleButtons.Choice choice : choices) {
                out.println("  [" + choice.number() + "] " + choice.label());
            }
        }
    }
}
