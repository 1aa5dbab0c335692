package dev.deckhand.errors;

import dev.deckhand.text.Bundle;
import dev.deckhand.text.CurrentLanguage;
import dev.deckhand.text.Language;
import dev.deckhand.text.Text;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * The one place failures become words for people: a user error is a hint, a failure of
 * Slack or another service is said plainly with what to do about it, and a bug is
 * "failed, ref &lt;id&gt;" with the stack trace in the log only.
 */
public final class ErrorTranslator
{
    private static final Logger log = LoggerFactory.getLogger(ErrorTranslator.class);
    static final Bundle BUNDLE = Bundle.of(ErrorTranslator.class);

    private final CurrentLanguage language;

    @Inject
    public ErrorTranslator(CurrentLanguage language)
    {
        this.language = requireNonNull(language, "language is null");
    }

    /** In English, for tests and tools. */
    public ErrorTranslator()
    {
        this(CurrentLanguage.fixed(Language.EN));
    }

    /** {@code what}: what was being done, in the person's language, e.g. "Running hello". */
    public Translation translate(String what, Throwable failure)
    {
        Text text = BUNDLE.in(language.get());
        if (failure instanceof UserError userError) {
            return new Translation(userError.category(), text.get("user.error", "hint", userError.getMessage()));
        }
        if (failure instanceof ExternalFailure external) {
            log.warn("{} failed: {}", what, external.getMessage());
            return new Translation(Category.UNAVAILABLE, text.get("external.failure", "what", what, "detail", explain(external), "advice", advice(external)));
        }
        String ref = UUID.randomUUID().toString().substring(0, 8);
        log.error("{} failed, ref {}", what, ref, failure);
        return new Translation(Category.FAILED, text.get("bug", "what", what, "ref", ref));
    }

    /** For when nothing could be started at all because a service is down: "Nothing was done: …". */
    public String nothingDone(ExternalFailure failure)
    {
        return BUNDLE.in(language.get()).get("nothing.done", "detail", explain(failure), "advice", advice(failure));
    }

    private String explain(ExternalFailure failure)
    {
        return failure.bundle().in(language.get()).get(failure.explanation(), failure.arguments());
    }

    private String advice(ExternalFailure failure)
    {
        Text own = failure.bundle().in(language.get());
        if (failure.advice().isPresent()) {
            return own.get(failure.advice().get());
        }
        return failure.code()
                .map(code -> "advice." + code)
                .filter(key -> failure.bundle().entries(language.get()).containsKey(key))
                .map(own::get)
                .orElseGet(() -> BUNDLE.in(language.get()).get("advice.default"));
    }

    /** What to say, and the category to audit. */
    public record Translation(Category category, String text)
    {
        public Translation
        {
            requireNonNull(category, "category is null");
            requireNonNull(text, "text is null");
        }

        /** As audited and counted: {@code rejected}, {@code refused}, {@code unavailable}, {@code failed}. */
        public String outcome()
        {
            return category.name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
