package dev.deckhand.config;

import dev.deckhand.config.AccessConfig.GroupConfig;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

final class AccessReader
{
    private AccessReader() {}

    static AccessConfig read(ConfigNode access)
    {
        if (!access.isObject()) {
            return AccessConfig.empty();
        }
        access.onlyKeys(Set.of("admins", "groups"));
        Set<String> admins = access.optional("admins").map(AccessReader::userIds).orElse(Set.of());
        var groups = access.optional("groups")
                .map(node -> node.entries(AccessReader::group))
                .orElse(java.util.Map.of());
        return new AccessConfig(admins, groups);
    }

    private static Optional<GroupConfig> group(ConfigNode group)
    {
        if (!group.isObject()) {
            return Optional.empty();
        }
        group.onlyKeys(Set.of("users", "usergroups"));
        Set<String> users = group.optional("users").map(AccessReader::userIds).orElse(Set.of());
        Set<String> usergroups = group.optional("usergroups").map(AccessReader::usergroupIds).orElse(Set.of());
        return Optional.of(new GroupConfig(users, usergroups));
    }

    static Set<String> userIds(ConfigNode node)
    {
        return ids(node, "[UW][A-Z0-9]{2,}", "a Slack user ID like U0123ABCD");
    }

    private static Set<String> usergroupIds(ConfigNode node)
    {
        return ids(node, "S[A-Z0-9]{2,}", "a Slack user group ID like S0123ABCD");
    }

    private static Set<String> ids(ConfigNode node, String pattern, String expected)
    {
        Set<String> ids = new HashSet<>();
        for (String id : node.texts()) {
            if (id.matches(pattern)) {
                ids.add(id);
            }
            else {
                node.problem("'" + id + "' is not " + expected);
            }
        }
        return ids;
    }
}
