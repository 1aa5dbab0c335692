package dev.deckhand.config;

import dev.deckhand.text.Language;

import java.util.Optional;

/**
 * One top-level section of the config file, read and checked by the capability that owns it
 * (airlift's config classes). The app lists the sections beside its modules; the loader knows
 * only their keys, reads every one in one pass and reports every problem at once.
 *
 * @param <T> the section's checked value, found with {@link DeckhandConfig#section(Class)}
 */
public interface ConfigSection<T>
{
    /** The top-level key, e.g. {@code scripts}. */
    String key();

    /** The type of the value; one section per type. */
    Class<T> type();

    /** Reads the section; problems go to {@code node} (each with its path) instead of being thrown. */
    T read(ConfigNode node, SectionContext context);

    /** The value when the file has no such key. */
    T absent(SectionContext context);

    /** Checks that need other sections, after all are read: e.g. "a job's {@code run.script} names a script". */
    default void check(T value, DeckhandConfig config, ConfigProblems problems) {}

    /** A few words for summaries such as {@code check-config}'s "is valid: 3 scripts"; empty to say nothing. */
    default Optional<String> summary(T value, Language language)
    {
        return Optional.empty();
    }
}
