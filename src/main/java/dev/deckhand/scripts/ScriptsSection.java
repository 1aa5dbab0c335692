package dev.deckhand.scripts;

import dev.deckhand.config.AccessConfig;
import dev.deckhand.config.ConfigNode;
import dev.deckhand.config.ConfigSection;
import dev.deckhand.config.SectionContext;
import dev.deckhand.text.Language;

import java.util.List;
import java.util.Optional;

/** {@code scripts}: where the scripts live and which can be run, with their params and rules. */
public final class ScriptsSection
        implements ConfigSection<ScriptsConfig>
{
    @Override
    public String key()
    {
        return "scripts";
    }

    @Override
    public Class<ScriptsConfig> type()
    {
        return ScriptsConfig.class;
    }

    @Override
    public ScriptsConfig read(ConfigNode node, SectionContext context)
    {
        return new ScriptsReader(context.workingDirectory(), context.section(AccessConfig.class)).read(node);
    }

    @Override
    public ScriptsConfig absent(SectionContext context)
    {
        return new ScriptsConfig(context.workingDirectory().resolve("scripts"), List.of());
    }

    @Override
    public Optional<String> summary(ScriptsConfig value, Language language)
    {
        return Optional.of(ScriptsMessages.BUNDLE.in(language).get("config.summary", "count", value.list().size()));
    }
}
