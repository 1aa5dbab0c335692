package dev.deckhand.slack;

import com.slack.api.methods.MethodsClient;
import dev.deckhand.access.UserDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/** User group members from {@code usergroups.users.list}, cached for a few minutes so access checks stay fast. */
final class SlackUserDirectory
        implements UserDirectory
{
    private static final Logger log = LoggerFactory.getLogger(SlackUserDirectory.class);
    private static final Duration TTL = Duration.ofMinutes(5);

    private final MethodsClient methods;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    SlackUserDirectory(MethodsClient methods, Clock clock)
    {
        this.methods = requireNonNull(methods, "methods is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public Set<String> usergroupMembers(String usergroupId)
    {
        Instant now = clock.instant();
        Cached cached = cache.get(usergroupId);
        if (cached != null && cached.expires().isAfter(now)) {
            return cached.members();
        }
        Set<String> members = fetch(usergroupId).orElse(cached == null ? Set.of() : cached.members());
        cache.put(usergroupId, new Cached(members, now.plus(TTL)));
        return members;
    }

    private java.util.Optional<Set<String>> fetch(String usergroupId)
    {
        try {
            var response = methods.usergroupsUsersList(request -> request.usergroup(usergroupId));
            if (response.isOk()) {
                return java.util.Optional.of(Set.copyOf(response.getUsers()));
            }
            log.warn("usergroups.users.list for {} failed: {}", usergroupId, response.getError());
        }
        catch (Exception e) {
            log.warn("usergroups.users.list for {} failed: {}", usergroupId, e.getMessage());
        }
        return java.util.Optional.empty();
    }

    private record Cached(Set<String> members, Instant expires) {}
}
