package dev.deckhand.scripts.port;

/** Hears each line of a script's output, masked, as it comes. */
@FunctionalInterface
public interface OutputListener
{
    void line(String maskedLine);
}
