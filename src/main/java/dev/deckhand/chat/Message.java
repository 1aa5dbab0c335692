package dev.deckhand.chat;

import com.slack.api.model.block.LayoutBlock;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** A chat message: Block Kit blocks plus the plain text shown in notifications and where blocks cannot be. */
public record Message(String text, List<LayoutBlock> blocks)
{
    public Message
    {
        requireNonNull(text, "text is null");
        blocks = List.copyOf(blocks);
    }

    public static Message text(String text)
    {
        return new Message(text, List.of());
    }
}
