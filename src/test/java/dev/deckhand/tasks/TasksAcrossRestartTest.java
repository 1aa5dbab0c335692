package dev.deckhand.tasks;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;
import dev.deckhand.testing.TestingDeckhand;
import dev.deckhand.testing.TestingSlack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A one-time task scheduled by a Deckhand that stops before it is due runs once, in the next
 * Deckhand on the same store; one that reschedules itself goes on there with the state it left.
 */
class TasksAcrossRestartTest
{
    private static final TaskKey<String> LATER = TaskKey.of("test-later", String.class);
    private static final TaskKey<Page> FEED = TaskKey.of("test-feed", Page.class);
    private static final Queue<String> RUNS = new ConcurrentLinkedQueue<>();
    private static final Queue<String> PAGES = new ConcurrentLinkedQueue<>();

    record Page(int number, Instant since) {}

    @TempDir
    Path directory;

    @Test
    void aTaskDueAfterAStopRunsOnceAfterTheRestart()
            throws Exception
    {
        TestingDeckhand.prepare(directory, "scripts:\n  dir: @DIR@\n", Map.of());
        Map<String, String> environment = Map.of("DECKHAND_DB_URL", "jdbc:h2:file:" + directory.resolve("data").resolve("deckhand"));
        Instant since = Instant.parse("2026-01-01T00:00:00Z");
        try (TestingSlack slack = new TestingSlack()) {
            try (TestingDeckhand before = TestingDeckhand.replica(directory, slack, environment, List.of(laterWork("before")))) {
                before.instance(DurableTasks.class).schedule(LATER, "job-1", Instant.now().plusSeconds(6), "from before the restart");
                before.instance(DurableTasks.class).schedule(FEED, "feed", Instant.now(), new Page(0, since));
                await().atMost(Duration.ofSeconds(30)).until(() -> !PAGES.isEmpty());
            }
            assertThat(RUNS).as("nothing ran before the stop").isEmpty();

            try (TestingDeckhand after = TestingDeckhand.replica(directory, slack, environment, List.of(laterWork("after")))) {
                await().atMost(Duration.ofSeconds(30)).until(() -> !RUNS.isEmpty());
                // Long enough for a wrongful second run to show.
                await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> true);
            }
        }

        assertThat(RUNS).containsExactly("job-1:from before the restart");
        assertThat(PAGES).containsExactly("before:" + new Page(0, since), "after:" + new Page(1, since.plusSeconds(60)), "after:" + new Page(2, since.plusSeconds(120)));
    }

    private static Module laterWork(String deckhand)
    {
        return new AbstractModule()
        {
            @Override
            protected void configure()
            {
                Multibinder.newSetBinder(binder(), TaskDefinition.class).addBinding()
                        .toInstance(TaskDefinition.oneTime(LATER, (id, data) -> {
                            RUNS.add(id + ":" + data);
                            return Next.finish();
                        }));
                Multibinder.newSetBinder(binder(), TaskDefinition.class).addBinding().toInstance(TaskDefinition.oneTime(FEED, (id, page) -> {
                    PAGES.add(deckhand + ":" + page);
                    // Due after the first Deckhand has stopped; quick once the second runs it.
                    Duration delay = page.number() == 0 ? Duration.ofSeconds(4) : Duration.ofMillis(200);
                    return page.number() < 2 ? Next.in(delay, new Page(page.number() + 1, page.since().plusSeconds(60))) : Next.finish();
                }));
            }
        };
    }
}
