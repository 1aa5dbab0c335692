package dev.deckhand.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CheckConfigTest
{
    @TempDir
    Path directory;

    @Test
    void listsEveryProblemWithItsPathAndExits1()
            throws Exception
    {
        Files.createDirectories(directory.resolve("scripts"));
        Path file = Files.writeString(directory.resolve("broken.yml"), """
                timezone: Mars/Olympus
                colour: blue
                access:
                  admins: [nobody]
                scripts:
                  dir: %s
                  list:
                    - name: hello
                      command: [missing.sh, "{who}"]
                      timeout: 30 seconds
                      allow: [wizards]
                      params:
                        - { name: n, pattern: "[a-z" }
                    - name: Bad Name
                      command: [x.sh]
                      shell: true
                """.formatted(directory.resolve("scripts")));

        Result result = run("check-config", file.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output())
                .contains("has 11 problems")
                .contains("timezone: 'Mars/Olympus' is not a time zone")
                .contains("colour: unknown key")
                .contains("access.admins: 'nobody' is not a Slack user ID")
                .contains("scripts.list[0].command: 'missing.sh' not found")
                .contains("scripts.list[0].command: '{who}' is not a param")
                .contains("scripts.list[0].timeout: '30 seconds' is not a duration")
                .contains("scripts.list[0].allow: 'wizards' is not 'everyone', a group")
                .contains("scripts.list[0].params[0].pattern: '[a-z' is not a valid regular expression")
                .contains("scripts.list[1]: script name 'Bad Name' must be lower case")
                .contains("scripts.list[1].shell: unknown key")
                .contains("scripts.list[1].command: 'x.sh' not found");
    }

    @Test
    void aValidFileExits0()
            throws Exception
    {
        Path scripts = Files.createDirectories(directory.resolve("scripts"));
        Files.writeString(scripts.resolve("hello.sh"), "#!/bin/sh\necho hi\n");
        Path file = Files.writeString(directory.resolve("ok.yml"), """
                scripts:
                  dir: %s
                  list:
                    - { name: hello, command: [hello.sh], allow: [everyone] }
                """.formatted(scripts));

        Result result = run("check-config", file.toString());

        assertThat(result.exitCode()).isEqualTo(0);
        assertThat(result.output()).contains("is valid: 1 scripts");
    }

    private static Result run(String... args)
    {
        StringWriter output = new StringWriter();
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setOut(new PrintWriter(output, true));
        int exitCode = commandLine.execute(args);
        return new Result(exitCode, output.toString());
    }

    private record Result(int exitCode, String output) {}
}
