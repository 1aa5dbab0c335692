package dev.deckhand.jobs;

import dev.deckhand.text.Bundle;
import dev.deckhand.text.CurrentLanguage;
import dev.deckhand.text.Text;

import static java.util.Objects.requireNonNull;

/** The text of {@code /jobs}, in the config's language: the bundle beside this class. */
final class JobsMessages
{
    static final Bundle BUNDLE = Bundle.of(JobsMessages.class);

    private final CurrentLanguage language;

    JobsMessages(CurrentLanguage language)
    {
        this.language = requireNonNull(language, "language is null");
    }

    Text text()
    {
        return BUNDLE.in(language.get());
    }
}
