package dev.deckhand.scripts;

import dev.deckhand.text.Bundle;
import dev.deckhand.text.CurrentLanguage;
import dev.deckhand.text.Text;

import static java.util.Objects.requireNonNull;

/** The text of {@code /run}, in the config's language: the bundle beside this class. */
final class ScriptsMessages
{
    static final Bundle BUNDLE = Bundle.of(ScriptsMessages.class);

    private final CurrentLanguage language;

    ScriptsMessages(CurrentLanguage language)
    {
        this.language = requireNonNull(language, "language is null");
    }

    Text text()
    {
        return BUNDLE.in(language.get());
    }
}
