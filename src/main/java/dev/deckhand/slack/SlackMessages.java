package dev.deckhand.slack;

import dev.deckhand.text.Bundle;
import dev.deckhand.text.CurrentLanguage;
import dev.deckhand.text.Text;

import static java.util.Objects.requireNonNull;

/** What the Slack adapter itself says (a form it replaces, a request it cannot take), in the config's language. */
final class SlackMessages
{
    static final Bundle BUNDLE = Bundle.of(SlackMessages.class);

    private final CurrentLanguage language;

    SlackMessages(CurrentLanguage language)
    {
        this.language = requireNonNull(language, "language is null");
    }

    Text text()
    {
        return BUNDLE.in(language.get());
    }
}
