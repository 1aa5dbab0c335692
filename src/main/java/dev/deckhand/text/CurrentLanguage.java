package dev.deckhand.text;

import static java.util.Objects.requireNonNull;

/** The language messages are written in right now: the config's {@code locale}, which a reload may change. */
@FunctionalInterface
public interface CurrentLanguage
{
    Language get();

    static CurrentLanguage fixed(Language language)
    {
        requireNonNull(language, "language is null");
        return () -> language;
    }
}
