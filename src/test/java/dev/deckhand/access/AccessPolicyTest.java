package dev.deckhand.access;

import dev.deckhand.app.MainModule;
import dev.deckhand.chat.Conversation;
import dev.deckhand.config.ConfigHolder;
import dev.deckhand.config.ConfigLoader;
import dev.deckhand.config.Environment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

class AccessPolicyTest
{
    private static final String CONFIG = """
            access:
              admins: [U0ADMIN]
              groups:
                deployers: { users: [U0DEV1], usergroups: [S0FE] }
                oncall: { users: [U0ONCALL] }
            """;

    @TempDir
    Path directory;

    private final UserDirectory userDirectory = mock(UserDirectory.class);
    private AccessPolicy policy;

    @BeforeEach
    void createPolicy()
            throws IOException
    {
        Path file = Files.writeString(directory.resolve("deckhand.yml"), CONFIG);
        ConfigLoader loader = new ConfigLoader(new Environment(Map.of()), directory, MainModule.sections());
        ConfigHolder config = new ConfigHolder(loader, file, loader.load(file));
        policy = new AccessPolicy(config, userDirectory, new BuiltInAdmins(Set.of("U0CONSOLE")));
    }

    @Test
    void testAdminsFromConfigMayDoEverythingEverywhere()
    {
        assertThat(policy.isAdmin("U0ADMIN")).isTrue();
        assertThat(policy.refusal(in("U0ADMIN", "C0RANDOM", "random"), List.of(), List.of("#ops"))).isEmpty();
        assertThat(policy.refusal(in("U0ADMIN", "C0RANDOM", "random"), List.of("deployers"), List.of("C0OPS"))).isEmpty();
    }

    @Test
    void testBuiltInAdminsMayDoEverythingEverywhere()
    {
        assertThat(policy.isAdmin("U0CONSOLE")).isTrue();
        assertThat(policy.isAdmin("U0DEV1")).isFalse();
        assertThat(policy.refusal(in("U0CONSOLE", "C0RANDOM", "random"), List.of(), List.of("#ops"))).isEmpty();
    }

    @Test
    void testNoAllowListMeansAdminsOnly()
    {
        assertThat(policy.refusal(in("U0DEV1", "C0OPS", "ops"), List.of(), List.of())).contains("only admins may do this");
    }

    @Test
    void testEveryone()
    {
        assertThat(policy.isAllowed("U0STRANGER", List.of("everyone"))).isTrue();
        assertThat(policy.refusal(in("U0STRANGER", "C0OPS", "ops"), List.of("everyone"), List.of())).isEmpty();
        verifyNoInteractions(userDirectory);
    }

    @Test
    void testGroupByUserId()
    {
        assertThat(policy.isAllowed("U0DEV1", List.of("deployers"))).isTrue();
        assertThat(policy.isAllowed("U0ONCALL", List.of("deployers"))).isFalse();
        assertThat(policy.isAllowed("U0ONCALL", List.of("deployers", "oncall"))).isTrue();
    }

    @Test
    void testGroupBySlackUsergroup()
    {
        when(userDirectory.usergroupMembers("S0FE")).thenReturn(Set.of("U0FE1", "U0FE2"));

        assertThat(policy.isAllowed("U0FE1", List.of("deployers"))).isTrue();
        assertThat(policy.isAllowed("U0FE3", List.of("deployers"))).isFalse();
        assertThat(policy.isAllowed("U0FE2", List.of("oncall"))).isFalse();
    }

    @Test
    void testExplicitUserId()
    {
        assertThat(policy.isAllowed("U0SOLO", List.of("U0SOLO"))).isTrue();
        assertThat(policy.isAllowed("U0OTHER", List.of("U0SOLO"))).isFalse();
    }

    @Test
    void testUnknownGroupAllowsNobody()
    {
        assertThat(policy.isAllowed("U0DEV1", List.of("ghosts"))).isFalse();
    }

    @Test
    void testRefusalNamesWhatIsNeeded()
    {
        when(userDirectory.usergroupMembers("S0FE")).thenReturn(Set.of());

        assertThat(policy.refusal(in("U0STRANGER", "C0OPS", "ops"), List.of("deployers"), List.of()))
                .contains("you need to be in group 'deployers', or an admin");
        assertThat(policy.refusal(in("U0STRANGER", "C0OPS", "ops"), List.of("deployers", "oncall", "U0SOLO"), List.of()))
                .contains("you need to be in group 'deployers' or group 'oncall' or <@U0SOLO>, or an admin");
    }

    @Test
    void testChannelByName()
    {
        List<String> channels = List.of("#ops", "#deploy");

        assertThat(policy.refusal(in("U0DEV1", "C0OPS", "ops"), List.of("deployers"), channels)).isEmpty();
        assertThat(policy.refusal(in("U0DEV1", "C0DEPLOY", "deploy"), List.of("deployers"), channels)).isEmpty();
        assertThat(policy.refusal(in("U0DEV1", "C0RANDOM", "random"), List.of("deployers"), channels))
                .contains("this can only be done in #ops, #deploy");
    }

    @Test
    void testChannelById()
    {
        List<String> channels = List.of("C0OPS");

        assertThat(policy.refusal(in("U0DEV1", "C0OPS", "renamed-ops"), List.of("deployers"), channels)).isEmpty();
        // A bare ID means nothing to a person; as <#C…> Slack shows the channel's name.
        assertThat(policy.refusal(in("U0DEV1", "C0RANDOM", "random"), List.of("deployers"), channels))
                .contains("this can only be done in <#C0OPS>");
    }

    @Test
    void testPermissionIsCheckedBeforeChannel()
    {
        assertThat(policy.refusal(in("U0STRANGER", "C0RANDOM", "random"), List.of("oncall"), List.of("#ops")))
                .contains("you need to be in group 'oncall', or an admin");
    }

    private static Conversation in(String userId, String channelId, String channelName)
    {
        return new Conversation(channelId, channelName, userId, Optional.empty());
    }
}
