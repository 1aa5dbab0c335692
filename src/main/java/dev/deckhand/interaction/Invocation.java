package dev.deckhand.interaction;

import dev.deckhand.chat.Conversation;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** A slash command typed by a person, e.g. {@code /run hello name=Kim}. */
public record Invocation(String command, String text, Conversation conversation, Optional<String> triggerId)
{
    public Invocation
    {
        requireNonNull(command, "command is null");
        text = requireNonNull(text, "text is null").strip();
        requireNonNull(conversation, "conversation is null");
        requireNonNull(triggerId, "triggerId is null");
    }

    public String userId()
    {
        return conversation.userId();
    }
}
