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
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole app on a clock set just before New York springs forward (2025-03-09, 02:00 EST → 03:00 EDT):
 * the next run {@code /jobs} shows is the instant the slot fires and is recorded for, for a job whose
 * 02:30 falls in the gap as for one at 03:00; and after it, the next shown is the schedule's next.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobSchedulesEndToEndTest
{
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final Pattern NEXT = Pattern.compile("next: (\\d{2})-(\\d{2}) (\\d{2}):(\\d{2}) America/New_York");
    private static final String CONFIG = """
            timezone: Asia/Seoul
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
              - name: nightly
                schedule: "30 2 * * *"
                timezone: America/New_York
                run: { script: tick }
                allow: [everyone]
              - name: early
                schedule: "0 3 * * *"
                timezone: America/New_York
                run: { script: tick }
                allow: [everyone]
            """;

    @TempDir
    static Path directory;
    /** 01:55 EST: five minutes before the gap, boot time included. */
    private final TestingClock clock = TestingClock.ticking(Instant.parse("2025-03-09T06:55:00Z"));
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
    void theNextRunShownIsTheInstantThatFiresAndTheOneAfterIsTheSchedulesNext()
            throws Exception
    {
        Instant gapEnd = Instant.parse("2025-03-09T07:00:00Z");
        JobDefinition nightly = job("nightly");
        JobDefinition early = job("early");
        Instant nightlyShown = shown("nightly");
        Instant earlyShown = shown("early");
        assertThat(nightlyShown).as("02:30 does not exist on 03-09: 03:00 EDT").isEqualTo(gapEnd).isEqualTo(schedules().next(nightly).orElseThrow());
        assertThat(earlyShown).isEqualTo(gapEnd).isEqualTo(schedules().next(early).orElseThrow());
        assertThat(jobs(""))
                .contains("*nightly* · last: never ran · next: 03-09 03:00 America/New_York")
                .contains("*early* · last: never ran · next: 03-09 03:00 America/New_York");

        // 01:59:58 EST: the scheduler's own time carries the clock over 02:00 into 03:00 EDT.
        clock.advance(Duration.between(clock.instant(), gapEnd.minusSeconds(2)));

        JobRunRecord nightlyRun = endedRun("nightly");
        JobRunRecord earlyRun = endedRun("early");
        assertThat(nightlyRun.startedBy()).isEqualTo(StartedBy.SCHEDULE);
        assertThat(nightlyRun.slot()).contains(nightlyShown);
        assertThat(nightlyRun.outcome()).contains(JobOutcome.SUCCEEDED);
        assertThat(earlyRun.startedBy()).isEqualTo(StartedBy.SCHEDULE);
        assertThat(earlyRun.slot()).contains(earlyShown);
        assertThat(store().runs("nightly", 10)).hasSize(1);
        assertThat(store().runs("early", 10)).hasSize(1);

        Instant nightlyNext = nightly.schedule().orElseThrow().next(nightlyShown);
        Instant earlyNext = early.schedule().orElseThrow().next(earlyShown);
        assertThat(nightlyNext).as("02:30 EDT on 03-10").isEqualTo(Instant.parse("2025-03-10T06:30:00Z"));
        assertThat(earlyNext).as("03:00 EDT on 03-10").isEqualTo(Instant.parse("2025-03-10T07:00:00Z"));
        await().atMost(Duration.ofSeconds(10)).until(() -> schedules().next(nightly).equals(Optional.of(nightlyNext)) && schedules().next(early).equals(Optional.of(earlyNext)));
        assertThat(shown("nightly")).isEqualTo(nightlyNext);
        assertThat(shown("early")).isEqualTo(earlyNext);
    }

    private JobRunRecord endedRun(String job)
    {
        await().atMost(Duration.ofSeconds(30)).until(() -> store().runs(job, 10).stream().anyMatch(run -> !run.running()));
        return store().runs(job, 10).get(0);
    }

    /** The next run {@code /jobs <job>} shows, as an instant (the year is the clock's). */
    private Instant shown(String job)
            throws Exception
    {
        String detail = jobs(job);
        Matcher next = NEXT.matcher(detail);
        assertThat(next.find()).as("a next run in " + detail).isTrue();
        return LocalDateTime.of(2025, Integer.parseInt(next.group(1)), Integer.parseInt(next.group(2)), Integer.parseInt(next.group(3)), Integer.parseInt(next.group(4)))
                .atZone(NEW_YORK).toInstant();
    }

    /** {@code /jobs <text>}, signed at the app's time: Slack's timestamp window is checked on its clock. */
    private String jobs(String text)
            throws Exception
    {
        HttpResponse<String> response = requests.send(requests.slashCommand("/jobs", text, "U0DEV"), clock.instant(), Map.of());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.decoded(response.body());
    }

    private JobDefinition job(String name)
    {
        return deckhand.instance(JobsService.class).job(name);
    }

    private JobSchedules schedules()
    {
        return deckhand.instance(JobSchedules.class);
    }

    private JobStore store()
    {
        return deckhand.instance(JobStore.class);
    }
}
