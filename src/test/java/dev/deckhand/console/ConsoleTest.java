package dev.deckhand.console;

import dev.deckhand.app.Bootstrap;
import dev.deckhand.app.MainModule;
import dev.deckhand.app.Settings;
import dev.deckhand.config.ConfigLoader;
import dev.deckhand.config.DeckhandConfig;
import dev.deckhand.config.Environment;
import dev.deckhand.testing.TestingDeckhand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleTest
{
    @TempDir
    Path directory;

    @Test
    void runsScriptsFromPipedInputAndWaitsForThemAtTheEnd()
            throws Exception
    {
        String output = console("/run\n/run hello name=Kim\n/run hello name=Kim;ls\n/run nope\n", """
                scripts:
                  dir: %s
                  list:
                    - name: hello
                      description: Say hello
                      command: [hello.sh, "{name}"]
                      params: [{ name: name, pattern: "[A-Za-z]{1,20}", default: world }]
                      allow: [U0SOMEONE]
                """);

        assertThat(output)
                .contains("Say hello")
                .contains("[console] <@console> ran `hello name=Kim`")
                .contains("Hello, Kim!")
                .contains("exit 0 in")
                .contains("`name` must match [A-Za-z]{1,20}")
                .contains("There is no script called `nope`");
    }

    @Test
    void buttonsAreNumberedChoicesAndTypingTheNumberClicksIt()
            throws Exception
    {
        String output = console("/run wait\n1\n", """
                scripts:
                  dir: %s
                  list:
                    - { name: wait, command: [wait.sh], allow: [everyone] }
                """);

        assertThat(output).contains("[1] Cancel").contains("cancelled by <@console>");
    }

    private String console(String input, String configTemplate)
            throws Exception
    {
        Path scripts = Files.createDirectories(directory.resolve("scripts"));
        TestingDeckhand.writeScript(scripts.resolve("hello.sh"), "#!/bin/sh\necho \"Hello, $1!\"\n");
        TestingDeckhand.writeScript(scripts.resolve("wait.sh"), "#!/bin/sh\nsleep 300\n");
        Path config = Files.writeString(directory.resolve("deckhand.yml"), configTemplate.formatted(scripts));
        Environment environment = new Environment(Map.of(
                Environment.CONFIG, config.toString(),
                Environment.DB_URL, "jdbc:h2:mem:console-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
        DeckhandConfig loaded = new ConfigLoader(environment, directory, MainModule.sections()).load(config);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        ConsoleModule module = new ConsoleModule(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out);
        try (Bootstrap bootstrap = new Bootstrap(MainModule.console(Settings.read(environment, Settings.Mode.CONSOLE), loaded, module))) {
            bootstrap.start();
            bootstrap.instance(ConsoleSession.class).run();
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
