package dev.deckhand.access;

import dev.deckhand.chat.Conversation;
import dev.deckhand.config.AccessConfig.GroupConfig;
import dev.deckhand.config.AccessConfig;
import dev.deckhand.config.ConfigHolder;
import dev.deckhand.text.Bundle;
import dev.deckhand.text.Text;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/** Decides who may do what, and where. Admins may do everything, everywhere. */
public final class AccessPolicy
{
    private static final Bundle BUNDLE = Bundle.of(AccessPolicy.class);

    private final ConfigHolder config;
    private final UserDirectory directory;
    private final BuiltInAdmins builtInAdmins;

    @Inject
    public AccessPolicy(ConfigHolder config, UserDirectory directory, BuiltInAdmins builtInAdmins)
    {
        this.config = requireNonNull(config, "config is null");
        this.directory = requireNonNull(directory, "directory is null");
        this.builtInAdmins = requireNonNull(builtInAdmins, "builtInAdmins is null");
    }

    public boolean isAdmin(String userId)
    {
        return builtInAdmins.userIds().contains(userId) || config.current().access().admins().contains(userId);
    }

    /**
     * Empty when the person in {@code conversation} may act under {@code allow} (entries: {@code everyone},
     * group names, user IDs) in a channel listed in {@code channels} (empty: any channel); otherwise what is needed.
     */
    public Optional<String> refusal(Conversation conversation, List<String> allow, List<String> channels)
    {
        String userId = conversation.userId();
        if (isAdmin(userId)) {
            return Optional.empty();
        }
        Text text = BUNDLE.in(config.current().locale());
        if (!isAllowed(userId, allow)) {
            return Optional.of(allow.isEmpty()
                    ? text.get("only.admins")
                    : text.get("need.membership", "who", describe(text, allow)));
        }
        if (!channels.isEmpty() && !inChannel(conversation, channels)) {
            return Optional.of(text.get("only.in.channels", "channels", describeChannels(channels)));
        }
        return Optional.empty();
    }

    public boolean isAllowed(String userId, List<String> allow)
    {
        AccessConfig access = config.current().access();
        for (String entry : allow) {
            if (entry.equals("everyone") || entry.equals(userId)) {
                return true;
            }
            GroupConfig group = access.groups().get(entry);
            if (group != null && isMember(userId, group)) {
                return true;
            }
        }
        return false;
    }

    private boolean isMember(String userId, GroupConfig group)
    {
        return group.users().contains(userId)
                || group.usergroups().stream().anyMatch(usergroup -> directory.usergroupMembers(usergroup).contains(userId));
    }

    private static boolean inChannel(Conversation conversation, List<String> channels)
    {
        return channels.contains(conversation.channelId()) || channels.contains("#" + conversation.channelName());
    }

    /** Slack shows {@code <#C0123>} as the channel's name; a bare ID means nothing to a person. */
    private static String describeChannels(List<String> channels)
    {
        return channels.stream()
                .map(channel -> channel.startsWith("#") ? channel : "<#" + channel + ">")
                .collect(Collectors.joining(", "));
    }

    private static String describe(Text text, List<String> allow)
    {
        return allow.stream().map(entry -> entry.matches("[UW][A-Z0-9]+") ? "<@" + entry + ">" : text.get("group", "name", entry))
                .collect(Collectors.joining(text.get("or")));
    }
}
