package dev.deckhand.admin;

import dev.deckhand.testing.SlackRequests;
import dev.deckhand.testing.TestingDeckhand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code /deckhand help | audit | reload}, and reloading when files change. */
class AdminEndToEndTest
{
    private static final String CONFIG = """
            access:
              admins: [U0ADMIN]
            scripts:
              dir: @DIR@
              list:
                - { name: hello, description: Say hello, command: [hello.sh], allow: [everyone] }
            """;

    @TempDir
    Path directory;
    private TestingDeckhand deckhand;
    private SlackRequests requests;

    @BeforeEach
    void start()
            throws Exception
    {
        deckhand = TestingDeckhand.start(directory, CONFIG, Map.of("hello.sh", "#!/bin/sh\necho hello\n"));
        requests = deckhand.requests();
    }

    @AfterEach
    void stop()
    {
        deckhand.close();
    }

    @Test
    void helpListsEveryCommand()
            throws Exception
    {
        String help = requests.reply(requests.slashCommand("/deckhand", "help", "U0DEV"));

        assertThat(help).contains("/run").contains("/deckhand").contains("audit");
    }

    @Test
    void auditIsForAdminsAndShowsWhoDidWhat()
            throws Exception
    {
        requests.send(requests.slashCommand("/run", "nope", "U0DEV"));

        String refused = requests.reply(requests.slashCommand("/deckhand", "audit", "U0DEV"));
        String audit = requests.reply(requests.slashCommand("/deckhand", "audit 5", "U0ADMIN"));
        String badCount = requests.reply(requests.slashCommand("/deckhand", "audit lots", "U0ADMIN"));

        assertThat(refused).contains("Only admins may see the audit log");
        assertThat(audit).contains("<@U0DEV> command `/run nope` → rejected").contains("<@U0DEV> command `/deckhand audit` → refused");
        assertThat(badCount).contains("`lots` is not a number of entries");
    }

    @Test
    void reloadTakesANewConfigAndRefusesABrokenOne()
            throws Exception
    {
        Path config = directory.resolve("deckhand.yml");
        Files.writeString(config, Files.readString(config) + "    - { name: bye, command: [hello.sh], allow: [everyone] }\n");
        String reloaded = requests.reply(requests.slashCommand("/deckhand", "reload", "U0ADMIN"));
        Files.writeString(config, Files.readString(config).replace("allow: [everyone] }\n", "allow: [everyone], timeout: soon }\n"));
        String refused = requests.reply(requests.slashCommand("/deckhand", "reload", "U0ADMIN"));
        String list = requests.reply(requests.slashCommand("/run", "", "U0DEV"));

        assertThat(reloaded).contains("Reloaded").contains("2 scripts");
        assertThat(refused).contains("The config was not reloaded").contains("scripts.list[0].timeout").contains("scripts.list[1].timeout");
        assertThat(list).contains("bye");
    }

    @Test
    void editsToTheConfigTakeEffectWithoutACommand()
            throws Exception
    {
        Path config = directory.resolve("deckhand.yml");
        Files.writeString(config, Files.readString(config) + "    - { name: later, description: Added later, command: [hello.sh], allow: [everyone] }\n");

        await().untilAsserted(() -> assertThat(requests.reply(requests.slashCommand("/run", "", "U0DEV"))).contains("later"));
    }

    @Test
    void aNewScriptFileIsPickedUpFromTheScriptsDir()
            throws Exception
    {
        Path config = directory.resolve("deckhand.yml");
        Files.writeString(config, Files.readString(config) + "    - { name: fresh, command: [fresh.sh], allow: [everyone] }\n");
        await().pollDelay(java.time.Duration.ofMillis(500)).untilAsserted(() -> assertThat(requests.reply(requests.slashCommand("/run", "", "U0DEV"))).doesNotContain("fresh"));

        TestingDeckhand.writeScript(directory.resolve("scripts/fresh.sh"), "#!/bin/sh\necho fresh\n");

        await().untilAsserted(() -> assertThat(requests.reply(requests.slashCommand("/run", "", "U0DEV"))).contains("fresh"));
    }
}
