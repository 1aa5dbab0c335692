package dev.deckhand.console;

import dev.deckhand.chat.Conversation;
import dev.deckhand.interaction.Background;
import dev.deckhand.interaction.Click;
import dev.deckhand.interaction.CommandRouter;
import dev.deckhand.interaction.Invocation;
import dev.deckhand.interaction.Reply;
import dev.deckhand.text.CurrentLanguage;
import dev.deckhand.text.Text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Reads commands from the terminal or a pipe and sends them through the same router as Slack.
 * A number clicks the button shown with it. At end of input, waits for running work.
 */
public final class ConsoleSession
{
    static final String USER = "console";
    static final String CHANNEL = "console";
    private static final Duration DRAIN = Duration.ofHours(1);
    private static final Duration BUTTON_PATIENCE = Duration.ofSeconds(5);

    private final InputStream in;
    private final PrintStream out;
    private final CommandRouter router;
    private final ConsoleChat chat;
    private final Background background;
    private final CurrentLanguage language;
    private final Conversation conversation = new Conversation(CHANNEL, CHANNEL, USER, Optional.empty());

    ConsoleSession(InputStream in, PrintStream out, CommandRouter router, ConsoleChat chat, Background background, CurrentLanguage language)
    {
        this.in = requireNonNull(in, "in is null");
        this.out = requireNonNull(out, "out is null");
        this.router = requireNonNull(router, "router is null");
        this.chat = requireNonNull(chat, "chat is null");
        this.background = requireNonNull(background, "background is null");
        this.language = requireNonNull(language, "language is null");
    }

    public void run()
            throws IOException
    {
        out.println(text().get("banner"));
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            handle(line.strip());
        }
        if (!background.awaitIdle(DRAIN)) {
            out.println(text().get("gave.up", "minutes", DRAIN.toMinutes()));
        }
    }

    private void handle(String line)
    {
        if (line.isEmpty() || line.startsWith("#")) {
            return;
        }
        if (line.matches("\\d+")) {
            click(Integer.parseInt(line));
            return;
        }
        if (!line.startsWith("/")) {
            out.println(text().get("not.a.command"));
            return;
        }
        int space = line.indexOf(' ');
        String command = space < 0 ? line : line.substring(0, space);
        String text = space < 0 ? "" : line.substring(space + 1);
        show(router.command(new Invocation(command, text, conversation, Optional.empty())));
    }

    private void click(int number)
    {
        Optional<ConsoleButtons.Choice> choice = chat.buttons().find(number, BUTTON_PATIENCE);
        if (choice.isEmpty()) {
            out.println(text().get("no.button", "number", number));
            return;
        }
        ConsoleButtons.Choice chosen = choice.get();
        show(router.click(new Click(chosen.actionId(), chosen.value(), conversation, Optional.of(chosen.message()), Optional.empty())));
    }

    private Text text()
    {
        return ConsoleChat.BUNDLE.in(language.get());
    }

    private void show(Reply reply)
    {
        reply.message().ifPresent(message -> chat.ephemeral(conversation, message));
    }
}
