package dev.deckhand.interaction;

/** One slash command, contributed through a Multibinder. Must return within a second or two: start slow work in the background. */
public interface SlashCommand
{
    /** The command as typed, with the slash: {@code /run}. */
    String command();

    /** One line for {@code /deckhand help}. */
    String help();

    Reply handle(Invocation invocation);
}
