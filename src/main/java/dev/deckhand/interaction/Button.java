package dev.deckhand.interaction;

import dev.deckhand.chat.Conversation;

import java.util.function.BiFunction;

import static java.util.Objects.requireNonNull;

/** A button handled by a function of its value and the clicker's conversation; {@code once} as {@link ButtonAction#oncePerMessage}. */
public final class Button
        implements ButtonAction
{
    private final String actionId;
    private final boolean once;
    private final BiFunction<String, Conversation, Reply> handler;

    public Button(String actionId, boolean once, BiFunction<String, Conversation, Reply> handler)
    {
        this.actionId = requireNonNull(actionId, "actionId is null");
        this.once = once;
        this.handler = requireNonNull(handler, "handler is null");
    }

    @Override
    public String actionId()
    {
        return actionId;
    }

    @Override
    public boolean oncePerMessage()
    {
        return once;
    }

    @Override
    public Reply handle(Click click)
    {
        return handler.apply(click.value(), click.conversation());
    }
}
