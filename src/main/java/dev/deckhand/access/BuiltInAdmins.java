package dev.deckhand.access;

import java.util.Set;

/** Users who are admins regardless of the config, e.g. the person at the console. */
public record BuiltInAdmins(Set<String> userIds)
{
    public BuiltInAdmins
    {
        userIds = Set.copyOf(userIds);
    }
}
