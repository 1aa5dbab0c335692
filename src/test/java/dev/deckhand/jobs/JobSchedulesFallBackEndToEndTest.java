package dev.deckhand.jobs;

import dev.deckhand.testing.Json;
import dev.deckhand.testing.SlackRequests;
import dev.deckhand.testing.TestingClock;
import dev.deckhand.testing.TestingDeckhand;
import dev.deckhand.testing.TestingSlack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole app on a clock set just before the first 01:30 of New York's repeated hour (2025-11-02,
 * 02:00 EDT → 01:00 EST): a daily 01:30 runs once, at 01:30 EDT, and is next due the day after; a
 * half-hourly cadence runs in both copies of the hour. Each slot fires at the due time the scheduler
 * (and so {@code /jobs}) gave for it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobSchedulesFallBackEndToEndTest
{
    private static final String CONFIG = """
            timezone: UTC
            slack: { channel: "#ops" }
            access: { admins: [U0ADMIN] }
            scripts:
              dir: @DIR@
              list:
                - name: tick
                  command: [tick.sh]
                  timeout: 30s
                  allow: [everyone]
            jobs:
              - name: daily
                schedule: "30 1 * * *"
                timezone: America/New_York
                run: { script: tick }
                allow: [everyone]
              - name: half-hourly
                schedule: "*/30 * * * *"
                timezone: America/New_York
                run: { script: tick }
                allow: [everyone]
            """;
    private static final Instant FIRST_ONE_THIRTY = Instant.parse("2025-11-02T05:30:00Z");
    private static final Instant SECOND_ONE = Instant.parse("2025-11-02T06:00:00Z");
    private static final Instant SECOND_ONE_THIRTY = Instant.parse("2025-11-02T06:30:00Z");

    @TempDir
    static Path directory;
    /** 01:25 EDT. */
    private final TestingClock clock = TestingClock.ticking(Instant.parse("2025-11-02T05:25:00Z"));
    private TestingSlack slack;
    private TestingDeckhand deckhand;
    private SlackRequests requests;

    @BeforeAll
    void start()
            throws Exception
    {
        slack = new TestingSlack();
        TestingDeckhand.prepare(directory, CONFIG, Map.of("tick.sh", "#!/bin/sh\necho tick\n"));
        deckhand = TestingDeckhand.overriding(directory, slack, Map.of(), List.of(binder -> binder.bind(Clock.class).toInstance(clock)));
        requests = deckhand.requests();
    }

    @AfterAll
    void stop()
    {
        deckhand.close();
        slack.close();
    }

    @Test
    void aDailyTimeInTheRepeatedHourRunsOnceAndACadenceRunsInBothCopies()
            throws Exception
    {
        assertThat(due("daily")).isEqualTo(FIRST_ONE_THIRTY);
        assertThat(due("half-hourly")).isEqualTo(FIRST_ONE_THIRTY);
        assertThat(jobs("daily")).contains("next: 11-02 01:30 EDT America/New_York");

        for (Instant slot : List.of(FIRST_ONE_THIRTY, SECOND_ONE, SECOND_ONE_THIRTY)) {
            assertThat(due("half-hourly")).isEqualTo(slot);
            clock.advance(Duration.between(clock.instant(), slot.minusSeconds(2)));
            await().atMost(Duration.ofSeconds(30)).until(() -> ended("half-hourly", slot));
            await().atMost(Duration.ofSeconds(10)).until(() -> due("half-hourly").isAfter(slot));
            if (slot.equals(FIRST_ONE_THIRTY)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> ended("daily", slot) && due("daily").isAfter(slot));
                assertThat(due("daily")).as("01:30 EST is not run again: next is 01:30 EST tomorrow").isEqualTo(Instant.parse("2025-11-03T06:30:00Z"));
                assertThat(jobs("daily")).contains("next: 11-03 01:30 America/New_York");
            }
        }
        // Long enough for a wrongful second 01:30 run of the daily job to show.
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);

        assertThat(slots("daily")).containsExactly(FIRST_ONE_THIRTY);
        assertThat(slots("half-hourly")).containsExactly(SECOND_ONE_THIRTY, SECOND_ONE, FIRST_ONE_THIRTY);
        assertThat(store().runs("half-hourly", 10)).allSatisfy(run -> assertThat(run.startedBy()).isEqualTo(StartedBy.SCHEDULE));
        assertThat(due("half-hourly")).isEqualTo(Instant.parse("2025-11-02T07:00:00Z"));
        assertThat(due("daily")).isEqualTo(Instant.parse("2025-11-03T06:30:00Z"));
    }

    private boolean ended(String job, Instant slot)
    {
        return store().runs(job, 10).stream().anyMatch(run -> run.slot().equals(Optional.of(slot)) && !run.running());
    }

    private List<Instant> slots(String job)
    {
        return store().runs(job, 10).stream().map(run -> run.slot().orElseThrow()).toList();
    }

    private Instant due(String job)
    {
        return deckhand.instance(JobSchedules.class).next(deckhand.instance(JobsService.class).job(job)).orElseThrow();
    }

    /** {@code /jobs <text>}, signed at the app's time: Slack's timestamp window is checked on its clock. */
    private String jobs(String text)
            throws Exception
    {
        HttpResponse<String> response = requests.send(requests.slashCommand("/jobs", text, "U0DEV"), clock.instant(), Map.of());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.decoded(response.body());
    }

    private JobStore store()
    {
        return deckhand.instance(JobStore.class);
    }
}
