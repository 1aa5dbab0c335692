package dev.deckhand.config;

import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/** {@code slack}: the default channel for notifications. */
public final class SlackSection
        implements ConfigSection<SlackSection.SlackDefaults>
{
    @Override
    public String key()
    {
        return "slack";
    }

    @Override
    public Class<SlackDefaults> type()
    {
        return SlackDefaults.class;
    }

    @Override
    public SlackDefaults read(ConfigNode slack, SectionContext context)
    {
        if (!slack.isObject()) {
            return new SlackDefaults(Optional.empty());
        }
        slack.onlyKeys(Set.of("channel"));
        return new SlackDefaults(slack.optional("channel").flatMap(ConfigNode::text));
    }

    @Override
    public SlackDefaults absent(SectionContext context)
    {
        return new SlackDefaults(Optional.empty());
    }

    public record SlackDefaults(Optional<String> channel)
    {
        public SlackDefaults
        {
            requireNonNull(channel, "channel is null");
        }
    }
}
