package dev.deckhand.deploy;

import dev.deckhand.text.Bundle;
import dev.deckhand.text.CurrentLanguage;
import dev.deckhand.text.Text;

import static java.util.Objects.requireNonNull;

/** The text of {@code /deploy}, in the config's language: the bundle beside this class. */
final class DeployMessages
{
    static final Bundle BUNDLE = Bundle.of(DeployMessages.class);

    private final CurrentLanguage language;

    DeployMessages(CurrentLanguage language)
    {
        this.language = requireNonNull(language, "language is null");
    }

    Text text()
    {
        return BUNDLE.in(language.get());
    }
}
