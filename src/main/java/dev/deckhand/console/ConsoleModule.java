package dev.deckhand.console;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.deckhand.access.BuiltInAdmins;
import dev.deckhand.access.UserDirectory;
import dev.deckhand.chat.Chat;
import dev.deckhand.interaction.Background;
import dev.deckhand.interaction.CommandRouter;
import dev.deckhand.outbox.ChatTransport;
import dev.deckhand.text.CurrentLanguage;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/** The terminal instead of Slack: the console user is an admin, messages print as text. */
public final class ConsoleModule
        extends AbstractModule
{
    private final InputStream in;
    private final PrintStream out;

    public ConsoleModule(InputStream in, PrintStream out)
    {
        this.in = requireNonNull(in, "in is null");
        this.out = requireNonNull(out, "out is null");
    }

    @Override
    protected void configure()
    {
        bind(BuiltInAdmins.class).toInstance(new BuiltInAdmins(Set.of(ConsoleSession.USER)));
        bind(UserDirectory.class).toInstance(UserDirectory.none());
        bind(ChatTransport.class).toInstance(ChatTransport.none());
    }

    @Provides
    @Singleton
    ConsoleChat consoleChat(CurrentLanguage language)
    {
        return new ConsoleChat(out, language);
    }

    @Provides
    @Singleton
    static Chat chat(ConsoleChat chat)
    {
        return chat;
    }

    @Provides
    @Singleton
    ConsoleSession session(CommandRouter router, ConsoleChat chat, Background background, CurrentLanguage language)
    {
        return new ConsoleSession(in, out, router, chat, background, language);
    }
}
