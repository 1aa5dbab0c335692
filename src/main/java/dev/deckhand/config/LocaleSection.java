package dev.deckhand.config;

import dev.deckhand.text.Language;

import java.util.Arrays;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/** {@code locale: en | ko}: the language of every message; English when absent. */
public final class LocaleSection
        implements ConfigSection<LocaleSection.Locale>
{
    @Override
    public String key()
    {
        return "locale";
    }

    @Override
    public Class<Locale> type()
    {
        return Locale.class;
    }

    @Override
    public Locale read(ConfigNode node, SectionContext context)
    {
        return new Locale(node.text().flatMap(text -> {
            var language = Language.of(text.trim());
            if (language.isEmpty()) {
                node.problem("'" + text + "' is not a language Deckhand speaks; use " + Arrays.stream(Language.values())
                        .map(Language::code).collect(Collectors.joining(" or ")));
            }
            return language;
        }).orElse(Language.EN));
    }

    @Override
    public Locale absent(SectionContext context)
    {
        return new Locale(Language.EN);
    }

    public record Locale(Language language)
    {
        public Locale
        {
            requireNonNull(language, "language is null");
        }
    }
}
