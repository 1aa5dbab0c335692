package dev.deckhand.interaction;

/** Handles clicks on buttons whose action id equals {@link #actionId()}; contributed through a Multibinder. */
public interface ButtonAction
{
    String actionId();

    /**
     * Whether a click acts once per button: a second click, a double click or a click on another
     * replica is answered "already done". A click refused with a {@link UserError} does not count.
     */
    default boolean oncePerMessage()
    {
        return false;
    }

    Reply handle(Click click);
}
