package dev.deckhand.config;

import dev.deckhand.text.Language;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** The whole config file, checked: the shared sections and every capability's own. */
public final class DeckhandConfig
{
    private final Map<ConfigSection<?>, Object> values;
    private final Map<Class<?>, Object> byType = new LinkedHashMap<>();

    DeckhandConfig(Map<ConfigSection<?>, Object> values)
    {
        this.values = new LinkedHashMap<>(requireNonNull(values, "values is null"));
        values.forEach((section, value) -> byType.put(section.type(), value));
    }

    /**
     * The value of the section whose type is {@code type}, or else the one section whose value is a
     * {@code type}: a port a capability offers others, such as the scripts' {@code ScriptCatalog}.
     */
    public <T> T section(Class<T> type)
    {
        Object value = byType.get(type);
        if (value == null) {
            List<Object> offering = byType.values().stream().filter(type::isInstance).toList();
            if (offering.size() != 1) {
                throw new IllegalArgumentException((offering.isEmpty() ? "no config section of type " : "several config sections are a ") + type.getName());
            }
            value = offering.get(0);
        }
        return type.cast(value);
    }

    public ZoneId timezone()
    {
        return section(TimezoneSection.Timezone.class).zone();
    }

    public Language locale()
    {
        return section(LocaleSection.Locale.class).language();
    }

    public Optional<String> defaultChannel()
    {
        return section(SlackSection.SlackDefaults.class).channel();
    }

    public AccessConfig access()
    {
        return section(AccessConfig.class);
    }

    /** What the sections say about themselves, e.g. {@code [3 scripts, 1 services, 2 jobs]}. */
    public List<String> summaries(Language language)
    {
        return values.entrySet().stream().flatMap(entry -> summary(entry.getKey(), entry.getValue(), language).stream()).toList();
    }

    void check(ConfigProblems problems)
    {
        values.forEach((section, value) -> check(section, value, problems));
    }

    private <T> Optional<String> summary(ConfigSection<T> section, Object value, Language language)
    {
        return section.summary(section.type().cast(value), language);
    }

    private <T> void check(ConfigSection<T> section, Object value, ConfigProblems problems)
    {
        section.check(section.type().cast(value), this, problems);
    }
}
