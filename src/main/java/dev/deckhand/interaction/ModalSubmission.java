package dev.deckhand.interaction;

/** Handles submitted modals whose callback id equals {@link #callbackId()}; contributed through a Multibinder. */
public interface ModalSubmission
{
    String callbackId();

    Reply handle(Submission submission);
}
