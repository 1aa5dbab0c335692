package dev.deckhand.scripts;

import dev.deckhand.app.MainModule;
import dev.deckhand.config.ConfigHolder;
import dev.deckhand.config.ConfigLoader;
import dev.deckhand.config.Environment;
import dev.deckhand.testing.TestingDeckhand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Reloads on edits of the config file or the scripts, and on nothing else in the config's folder (such as a log written there). */
class ConfigWatcherTest
{
    @TempDir
    Path directory;
    private ConfigWatcher watcher;

    @AfterEach
    void stop()
            throws Exception
    {
        watcher.stop();
    }

    @Test
    void aFileWrittenNextToTheConfigDoesNotReloadItButAnEditDoes()
            throws Exception
    {
        Path scripts = Files.createDirectories(directory.resolve("scripts"));
        TestingDeckhand.writeScript(scripts.resolve("hello.sh"), "echo hello");
        Path file = Files.writeString(directory.resolve("deckhand.yml"), config("one"));
        ConfigLoader loader = new ConfigLoader(new Environment(Map.of()), directory, MainModule.sections());
        ConfigHolder config = new ConfigHolder(loader, file, loader.load(file));
        AtomicInteger reloads = new AtomicInteger();
        config.onReload(reloaded -> reloads.incrementAndGet());
        watcher = new ConfigWatcher(config);
        watcher.start();

        Path log = directory.resolve("deckhand.log");
        for (int i = 0; i < 10; i++) {
            Files.writeString(log, "a line of log\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            await().pollDelay(Duration.ofMillis(100)).until(() -> true);
        }
        await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
        assertThat(reloads).as("reloads after writes to a log beside the config").hasValue(0);

        Files.writeString(file, config("two"));
        await().atMost(Duration.ofSeconds(10)).until(() -> reloads.get() >= 1);
        assertThat(config.current().section(ScriptsConfig.class).list()).extracting(script -> script.name()).containsExactly("two");

        Files.writeString(scripts.resolve("new.sh"), "#!/bin/sh\n");
        await().atMost(Duration.ofSeconds(10)).until(() -> reloads.get() >= 2);
    }

    private static String config(String script)
    {
        return "scripts:\n  dir: scripts\n  list:\n    - { name: " + script + ", command: [hello.sh], allow: [everyone] }\n";
    }
}
