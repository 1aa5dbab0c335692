package dev.deckhand.scripts.port;

/** Hears each line a script prints (stdout and stderr merged, as /run captures them), masked, in order, on the thread that reads the output. */
@FunctionalInterface
public interface OutputListener
{
    OutputListener NONE = maskedLine -> {};

    void line(String maskedLine);
}
