package dev.deckhand.config;

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
