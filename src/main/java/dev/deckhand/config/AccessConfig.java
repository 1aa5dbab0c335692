package dev.deckhand.config;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Who is an admin, and named groups of people. */
public record AccessConfig(Set<String> admins, Map<String, GroupConfig> groups)
{
    public AccessConfig
    {
        admins = Set.copyOf(admins);
        groups = Map.copyOf(groups);
    }

    /**
     * Reads an {@code allow} list: {@code everyone}, group names under {@code access.groups}, or Slack
     * user ids; anything else is a problem at {@code node}.
     */
    public List<String> allow(ConfigNode node)
    {
        List<String> allow = node.texts();
        for (String entry : allow) {
            boolean known = entry.equals("everyone") || groups.containsKey(entry) || entry.matches("[UW][A-Z0-9]{2,}");
            if (!known) {
                node.problem("'" + entry + "' is not 'everyone', a group under access.groups, or a Slack user ID");
            }
        }
        return allow;
    }

    public static AccessConfig empty()
    {
        return new AccessConfig(Set.of(), Map.of());
    }

    /** A group: Slack user IDs and Slack user group IDs whose members belong to it. */
    public record GroupConfig(Set<String> users, Set<String> usergroups)
    {
        public GroupConfig
        {
            users = Set.copyOf(users);
            usergroups = Set.copyOf(usergroups);
        }
    }
}
