package dev.deckhand.interaction;

import dev.deckhand.chat.Conversation;
import dev.deckhand.chat.MessageRef;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** A button clicked on a message Deckhand posted. */
public record Click(String actionId, String value, Conversation conversation, Optional<MessageRef> message, Optional<String> triggerId)
{
    public Click
    {
        requireNonNull(actionId, "actionId is null");
        requireNonNull(value, "value is null");
        requireNonNull(conversation, "conversation is null");
        requireNonNull(message, "message is null");
        requireNonNull(triggerId, "triggerId is null");
    }

    public String userId()
    {
        return conversation.userId();
    }
}
