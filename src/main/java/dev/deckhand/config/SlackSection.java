package dev.deckhand.config;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/** {@code slack}: the default channel for notifications. */
public final class SlackSection
        implements ConfigSection<SlackSection.SlackDefaults>
{
    private static final Pattern CHANNEL = Pattern.compile("#[a-z0-9_-]+|[CG][A-Z0-9]{2,}");

    /** A channel as the config names it: {@code #name} or a channel id; anything else is a problem at {@code node}. */
    public static Optional<String> channel(ConfigNode node)
    {
        return node.text().filter(channel -> {
            if (CHANNEL.matcher(channel).matches()) {
                return true;
            }
            node.problem("'" + channel + "' is not a channel; write #name or a channel ID like C0123ABCD");
            return false;
        });
    }

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
