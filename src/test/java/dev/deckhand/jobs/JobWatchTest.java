package dev.deckhand.jobs;

import com.slack.api.model.view.View;
import dev.deckhand.app.MainModule;
import dev.deckhand.chat.Chat;
import dev.deckhand.chat.Conversation;
import dev.deckhand.chat.Message;
import dev.deckhand.chat.MessageRef;
import dev.deckhand.config.ConfigHolder;
import dev.deckhand.config.ConfigLoader;
import dev.deckhand.config.Environment;
import dev.deckhand.tasks.DurableTasks;
import dev.deckhand.tasks.Instances;
import dev.deckhand.tasks.Recurrence;
import dev.deckhand.tasks.Schedule;
import dev.deckhand.tasks.TaskKey;
import dev.deckhand.testing.TestingClock;
import dev.deckhand.testing.TestingStore;
import dev.deckhand.text.Language;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * The missed-run watch on its own, with the clock in hand: a stalled scheduler's slot is missed once; a run of a
 * replica that is gone is interrupted; a start with no end by maxRuntime is hung; after a gap in the watch's own
 * looks an outside job gets a fresh grace instead of an alert; a paused job is not watched.
 */
class JobWatchTest
{
    private static final Instant T0 = Instant.parse("2025-06-01T00:00:00Z");
    private static final String CONFIG = """
            timezone: UTC
            slack: { channel: "#ops" }
            scripts:
              dir: scripts
              list:
                - { name: ok, command: [ok.sh] }
            jobs:
              - { name: build, every: 30m, grace: 5m, run: { script: ok }, channel: "#batch" }
              - { name: report, every: 1h, grace: 5m, channel: "#batch" }
              - { name: nightly, maxRuntime: 1m, channel: "#batch" }
            """;

    @TempDir
    Path directory;
    private final TestingClock clock = new TestingClock(T0);
    private final Map<String, Instant> dues = new ConcurrentHashMap<>();
    private final List<String> posts = new CopyOnWriteArrayList<>();
    private TestingStore testing;
    private JobStore store;
    private JobWatch watch;
    private Instances instances;
    private JobSlots slots;
    private JobWatch otherReplica;

    @BeforeEach
    void build()
            throws Exception
    {
        Files.createDirectories(directory.resolve("scripts"));
        Files.writeString(directory.resolve("scripts/ok.sh"), "#!/bin/sh\n");
        Path file = Files.writeString(directory.resolve("deckhand.yml"), CONFIG);
        ConfigLoader loader = new ConfigLoader(new Environment(Map.of()), directory, MainModule.sections());
        ConfigHolder config = new ConfigHolder(loader, file, loader.load(file));
        testing = new TestingStore();
        store = new JobStore(testing.jdbc());
        JobViews views = new JobViews(new JobsMessages(() -> Language.EN));
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        Chat chat = new RecordingChat(posts);
        JobAlerts alerts = new JobAlerts(config, store, new JobSuccessNotes(testing.jdbc()), chat, views, metrics, clock, () -> {});
        JobRuns runs = new JobRuns(config, store, mock(JobExecutor.class), alerts, views, chat, () -> tasks(), Executors.newSingleThreadExecutor(),
                Executors.newSingleThreadScheduledExecutor(), metrics, clock, "me");
        slots = new JobSlots(runs, store, alerts, chat, clock);
        instances = mock(Instances.class);
        when(instances.alive()).thenReturn(Optional.of(Set.of("me")));
        watch = new JobWatch(() -> config.current().section(JobsConfig.class), store, alerts, runs, this::tasks, instances, metrics, clock);
        otherReplica = new JobWatch(() -> config.current().section(JobsConfig.class), store, alerts, runs, this::tasks, instances, metrics, clock);
    }

    @AfterEach
    void close()
    {
        testing.close();
    }

    @Test
    void aSlotTheSchedulerNeverTookIsMissedOnce()
    {
        dues.put("build", T0);
        watchUntil(T0.plus(Duration.ofMinutes(5)).minusSeconds(1));
        assertThat(posts).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        watch.look();
        assertThat(posts).singleElement().asString().contains("*build* missed its 06-01 00:00 run");
        clock.advance(Duration.ofSeconds(5));
        watch.look();
        assertThat(posts).hasSize(1);
        assertThat(store.runs("build", 10)).singleElement().satisfies(run -> {
            assertThat(run.outcome()).contains(JobOutcome.MISSED);
            assertThat(run.slot()).contains(T0);
            assertThat(run.startedBy()).isEqualTo(StartedBy.WATCH);
        });
    }

    @Test
    void aPausedJobIsNotWatched()
    {
        dues.put("build", T0);
        JobState state = store.state("build", T0, Optional.empty());
        store.replace(state, state.withPause(Optional.of(new JobState.Pause("U0DEV", "maintenance", T0))));
        watchUntil(T0.plus(Duration.ofMinutes(6)));
        assertThat(posts).isEmpty();
        assertThat(store.runs("build", 10)).isEmpty();
    }

    @Test
    void aRunOfAReplicaThatIsGoneIsInterrupted()
    {
        store.state("build", T0, Optional.empty());
        store.insert(new JobRunRecord("run-1", "build", StartedBy.SCHEDULE, Optional.empty(), Optional.of(T0), Optional.empty(), 1, true, T0, Optional.empty(),
                Optional.empty(), OptionalInt.empty(), Optional.empty(), "", Optional.empty(), Optional.empty()), "gone");
        store.insert(new JobRunRecord("run-2", "build", StartedBy.PERSON, Optional.of("U0DEV"), Optional.empty(), Optional.empty(), 1, true, T0, Optional.empty(),
                Optional.empty(), OptionalInt.empty(), Optional.empty(), "", Optional.empty(), Optional.empty()), "me");
        watch.look();
        assertThat(store.run("run-1").orElseThrow().outcome()).contains(JobOutcome.INTERRUPTED);
        assertThat(store.run("run-2").orElseThrow().running()).isTrue();
        assertThat(posts).singleElement().asString().contains("*build* is failing");
    }

    @Test
    void aStartWithNoEndByMaxRuntimeIsHungAndAlertsAtOnce()
    {
        store.state("nightly", T0, Optional.empty());
        store.insert(new JobRunRecord("ping-1", "nightly", StartedBy.PING, Optional.empty(), Optional.empty(), Optional.empty(), 1, true, T0, Optional.empty(),
                Optional.empty(), OptionalInt.empty(), Optional.empty(), "", Optional.empty(), Optional.empty()), "");
        watchUntil(T0.plus(Duration.ofSeconds(59)));
        assertThat(posts).isEmpty();
        clock.advance(Duration.ofSeconds(2));
        watch.look();
        assertThat(store.run("ping-1").orElseThrow().outcome()).contains(JobOutcome.TIMED_OUT);
        assertThat(posts).singleElement().asString().contains("*nightly* is failing");
    }

    @Test
    void afterAGapInTheWatchAnOutsideJobsExpectedStartMovesOnByTheGapNotAnAlert()
    {
        store.state("report", T0, Optional.of(T0.plus(Duration.ofHours(1))));
        watch.look();
        // Nobody watched for two hours, over the report's 01:00 deadline: its ping then could not be received.
        clock.advance(Duration.ofHours(2));
        watch.look();
        assertThat(posts).isEmpty();
        assertThat(store.find("report").orElseThrow().expectedAt()).contains(T0.plus(Duration.ofHours(3)));
        // Watched from then on: quiet until the moved start and its grace pass, then one alert.
        while (clock.instant().isBefore(T0.plus(Duration.ofHours(3)).plus(Duration.ofMinutes(5)))) {
            assertThat(posts).isEmpty();
            clock.advance(Duration.ofSeconds(20));
            watch.look();
        }
        assertThat(posts).singleElement().asString().contains("*report* missed its");
    }

    @Test
    void theGapOneReplicaSawHoldsForTheOthersWatchToo()
    {
        dues.put("build", T0);
        watch.look();
        // Nobody watched over the slot's deadline (T0 + 5m); the first look after it is this replica's.
        clock.advance(Duration.ofMinutes(10));
        watch.look();
        assertThat(store.gap()).contains(new JobWatch.Gap(T0, T0.plus(Duration.ofMinutes(10))));
        // The next looks are another replica's: the slot is left to its catch-up run for a minute, then missed.
        for (int step = 0; step < 2; step++) {
            clock.advance(Duration.ofSeconds(20));
            otherReplica.look();
        }
        assertThat(posts).isEmpty();
        clock.advance(Duration.ofSeconds(25));
        otherReplica.look();
        assertThat(posts).singleElement().asString().contains("*build* missed its 06-01 00:00 run");
    }

    @Test
    void aSlotFiredAgainAfterItsReplicaDiedDoesNotRunTwice()
    {
        store.state("build", T0, Optional.empty());
        slots.fire("build", T0);
        slots.fire("build", T0);
        assertThat(store.runs("build", 10)).singleElement().satisfies(run -> {
            assertThat(run.slot()).contains(T0);
            assertThat(run.startedBy()).isEqualTo(StartedBy.SCHEDULE);
        });
    }

    /** Looks every 20 s until {@code until}: watched all along, with no gap. */
    private void watchUntil(Instant until)
    {
        watch.look();
        while (clock.instant().isBefore(until)) {
            clock.advance(Duration.ofSeconds(Math.min(20, Duration.between(clock.instant(), until).toSeconds())));
            watch.look();
        }
    }

    private DurableTasks tasks()
    {
        return new DurableTasks()
        {
            @Override
            public <T> boolean schedule(TaskKey<T> key, String id, Instant at, T state)
            {
                return true;
            }

            @Override
            public <T> void recur(TaskKey<T> key, String id, Schedule schedule, T state) {}

            @Override
            public <T> void reconcile(TaskKey<T> key, Map<String, Recurrence<T>> wanted) {}

            @Override
            public boolean cancel(TaskKey<?> key, String id)
            {
                return false;
            }

            @Override
            public Optional<Instant> due(TaskKey<?> key, String id)
            {
                return Optional.ofNullable(dues.get(id));
            }

            @Override
            public Map<String, Instant> dues(TaskKey<?> key)
            {
                return Map.copyOf(dues);
            }
        };
    }

    /** Keeps the text of each post. */
    private record RecordingChat(List<String> posts)
            implements Chat
    {
        @Override
        public MessageRef post(String channel, Message message)
        {
            posts.add(message.text());
            return new MessageRef(channel, String.valueOf(posts.size()));
        }

        @Override
        public MessageRef reply(MessageRef parent, Message message)
        {
            return new MessageRef(parent.channel(), parent.id() + "-reply");
        }

        @Override
        public void update(MessageRef message, Message replacement) {}

        @Override
        public void ephemeral(Conversation conversation, Message message) {}

        @Override
        public void upload(String channel, String filename, String title, Path content) {}

        @Override
        public void openModal(String triggerId, View view) {}

        @Override
        public void publishHome(String userId, View view) {}
    }
}
