package dev.deckhand.access;

import java.util.Set;

/** Who belongs to a Slack user group. Implementations cache; a failure to ask is an empty answer plus a log line. */
public interface UserDirectory
{
    Set<String> usergroupMembers(String usergroupId);

    static UserDirectory none()
    {
        return usergroupId -> Set.of();
    }
}
