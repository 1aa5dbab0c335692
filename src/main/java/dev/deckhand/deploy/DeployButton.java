package dev.deckhand.deploy;

import dev.deckhand.chat.Conversation;
import dev.deckhand.interaction.ButtonAction;
import dev.deckhand.interaction.Click;
import dev.deckhand.interaction.Reply;

import java.util.function.BiFunction;

import static java.util.Objects.requireNonNull;

/**
 * One button of a deploy's message (Confirm, Cancel, Approve, Reject, Stop, Roll back); its value is
 * the deploy's id (for Deploy on an announcement, the service, environment and tag). What it may do is checked when it is clicked, and a refusal is said to the clicker.
 * {@code once}: a second click (or a click on another replica) is "already done". Approve and Reject
 * are not once, since several people click the same button; nor are Deploy on an announcement and
 * Roll back, which only make a new plan to confirm, and stay usable after that plan is cancelled or fails.
 */
final class DeployButton
        implements ButtonAction
{
    private final String actionId;
    private final boolean once;
    private final BiFunction<String, Conversation, Reply> handler;

    DeployButton(String actionId, boolean once, BiFunction<String, Conversation, Reply> handler)
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
