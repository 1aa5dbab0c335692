package dev.deckhand.chat;

/** Handles clicks on buttons whose action id equals {@link #actionId()}; contributed through a Multibinder. */
public interface ButtonAction
{
    String actionId();

    Reply handle(Click click);
}
