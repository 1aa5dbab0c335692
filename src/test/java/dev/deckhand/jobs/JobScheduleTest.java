package dev.deckhand.jobs;

import dev.deckhand.app.MainModule;
import dev.deckhand.config.ConfigLoader;
import dev.deckhand.config.Environment;
import dev.deckhand.tasks.Schedule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Job schedules as the config gives them, across America/New_York's 2025 clock changes (03-09 spring
 * forward at 02:00 EST, 11-02 fall back at 02:00 EDT), with Asia/Seoul as the control: a wall-clock
 * time in the gap runs once at 03:00 EDT, one in the repeated hour once at its first (EDT) copy,
 * cadences keep their spacing in real time; and an outside job's next expected start never disagrees
 * with the slot after it, so a clock change cannot raise a false "missed".
 */
class JobScheduleTest
{
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final ZoneOffset PLUS_NINE = ZoneOffset.ofHours(9);
    private static final Instant SPRING = Instant.parse("2025-03-07T12:00:00Z");
    private static final Instant FALL = Instant.parse("2025-10-31T12:00:00Z");
    private static final List<String> SCHEDULES = List.of("schedule: \"30 2 * * *\"", "schedule: \"30 1 * * *\"", "schedule: \"*/30 * * * *\"", "every: 30m");

    @TempDir
    Path directory;

    @Test
    void theBoardSaysWhichOfTwoSameLookingTimesItMeans()
    {
        ZoneId newYork = ZoneId.of("America/New_York");
        assertThat(JobBoard.shown(Instant.parse("2025-11-02T05:30:00Z"), newYork)).isEqualTo("11-02 01:30 EDT America/New_York");
        assertThat(JobBoard.shown(Instant.parse("2025-11-02T06:30:00Z"), newYork)).isEqualTo("11-02 01:30 EST America/New_York");
        assertThat(JobBoard.shown(Instant.parse("2025-11-02T07:30:00Z"), newYork)).isEqualTo("11-02 02:30 America/New_York");
        assertThat(JobBoard.shown(Instant.parse("2025-03-09T07:00:00Z"), newYork)).isEqualTo("03-09 03:00 America/New_York");
        assertThat(JobBoard.shown(Instant.parse("2025-11-02T05:30:00Z"), ZoneId.of("Asia/Seoul"))).isEqualTo("11-02 14:30 Asia/Seoul");
    }

    @Test
    void aDailyTimeInTheSpringGapRunsOnceAtThreeEdt()
            throws Exception
    {
        Schedule schedule = job("New_York", NEW_YORK, "schedule: \"30 2 * * *\"").schedule().orElseThrow();

        assertThat(slots(schedule, SPRING, 4)).containsExactly(
                Instant.parse("2025-03-08T07:30:00Z"),  // 02:30 EST
                Instant.parse("2025-03-09T07:00:00Z"),  // 02:30 does not exist: 03:00 EDT, the end of the gap
                Instant.parse("2025-03-10T06:30:00Z"),  // 02:30 EDT
                Instant.parse("2025-03-11T06:30:00Z"));
        assertThat(slots(schedule, FALL, 4)).containsExactly(
                Instant.parse("2025-11-01T06:30:00Z"),  // 02:30 EDT
                Instant.parse("2025-11-02T07:30:00Z"),  // 02:30 EST: after the repeated hour, once
                Instant.parse("2025-11-03T07:30:00Z"),
                Instant.parse("2025-11-04T07:30:00Z"));
    }

    @Test
    void aDailyTimeInTheRepeatedHourRunsOnceAtItsFirstCopy()
            throws Exception
    {
        Schedule schedule = job("New_York", NEW_YORK, "schedule: \"30 1 * * *\"").schedule().orElseThrow();

        assertThat(slots(schedule, SPRING, 4)).containsExactly(
                Instant.parse("2025-03-08T06:30:00Z"),  // 01:30 EST
                Instant.parse("2025-03-09T06:30:00Z"),  // 01:30 EST, before the gap
                Instant.parse("2025-03-10T05:30:00Z"),  // 01:30 EDT
                Instant.parse("2025-03-11T05:30:00Z"));
        assertThat(slots(schedule, FALL, 4)).containsExactly(
                Instant.parse("2025-11-01T05:30:00Z"),  // 01:30 EDT
                Instant.parse("2025-11-02T05:30:00Z"),  // 01:30 EDT, the first copy; not again at 06:30Z (01:30 EST)
                Instant.parse("2025-11-03T06:30:00Z"),  // 01:30 EST
                Instant.parse("2025-11-04T06:30:00Z"));
    }

    @Test
    void aCronCadenceKeepsItsSpacingInRealTime()
            throws Exception
    {
        Schedule schedule = job("New_York", NEW_YORK, "schedule: \"*/30 * * * *\"").schedule().orElseThrow();

        // 01:00 and 01:30 EST, then 03:00 EDT: 02:00 and 02:30 do not exist, yet no half hour goes without a run.
        assertThat(slots(schedule, Instant.parse("2025-03-09T05:45:00Z"), 5)).containsExactly(
                Instant.parse("2025-03-09T06:00:00Z"),
                Instant.parse("2025-03-09T06:30:00Z"),
                Instant.parse("2025-03-09T07:00:00Z"),
                Instant.parse("2025-03-09T07:30:00Z"),
                Instant.parse("2025-03-09T08:00:00Z"));
        // 01:00 and 01:30 run in both copies of the repeated hour: EDT at 05:00Z and 05:30Z, EST at 06:00Z and 06:30Z.
        assertThat(slots(schedule, Instant.parse("2025-11-02T04:45:00Z"), 6)).containsExactly(
                Instant.parse("2025-11-02T05:00:00Z"),
                Instant.parse("2025-11-02T05:30:00Z"),
                Instant.parse("2025-11-02T06:00:00Z"),
                Instant.parse("2025-11-02T06:30:00Z"),
                Instant.parse("2025-11-02T07:00:00Z"),
                Instant.parse("2025-11-02T07:30:00Z"));
        assertThat(evenlySpaced(slots(schedule, SPRING, 48 * 4))).isTrue();
        assertThat(evenlySpaced(slots(schedule, FALL, 48 * 4))).isTrue();
    }

    @Test
    void everyIsElapsedTimeWhateverTheClocksOnTheWallDo()
            throws Exception
    {
        Schedule schedule = job("New_York", NEW_YORK, "every: 30m").schedule().orElseThrow();
        Instant start = Instant.parse("2025-03-09T06:10:20Z");

        List<Instant> slots = slots(schedule, start, 48 * 4);
        for (int i = 0; i < slots.size(); i++) {
            assertThat(slots.get(i)).isEqualTo(start.plus(Duration.ofMinutes(30L * (i + 1))));
        }
        Instant fall = Instant.parse("2025-11-02T05:10:20Z");
        assertThat(slots(schedule, fall, 4)).containsExactly(fall.plus(Duration.ofMinutes(30)), fall.plus(Duration.ofMinutes(60)),
                fall.plus(Duration.ofMinutes(90)), fall.plus(Duration.ofMinutes(120)));
    }

    @Test
    void seoulHasNoClockChangesAndMatchesPlainUtcPlusNine()
            throws Exception
    {
        for (Instant from : List.of(SPRING, FALL)) {
            LocalDateTime local = LocalDateTime.ofInstant(from, PLUS_NINE);
            assertThat(slots(job("Seoul", SEOUL, "schedule: \"30 2 * * *\"").schedule().orElseThrow(), from, 5))
                    .isEqualTo(daily(local, 2, 30, 5))
                    .isEqualTo(slots(Schedule.cron("30 2 * * *", PLUS_NINE), from, 5));
            assertThat(slots(job("Seoul", SEOUL, "schedule: \"30 1 * * *\"").schedule().orElseThrow(), from, 5))
                    .isEqualTo(daily(local, 1, 30, 5))
                    .isEqualTo(slots(Schedule.cron("30 1 * * *", PLUS_NINE), from, 5));
            List<Instant> halfHours = slots(job("Seoul", SEOUL, "schedule: \"*/30 * * * *\"").schedule().orElseThrow(), from, 48 * 4);
            assertThat(halfHours.get(0)).isEqualTo(from.plus(Duration.ofMinutes(30)));
            assertThat(evenlySpaced(halfHours)).isTrue();
            assertThat(slots(job("Seoul", SEOUL, "every: 30m").schedule().orElseThrow(), from, 3))
                    .containsExactly(from.plus(Duration.ofMinutes(30)), from.plus(Duration.ofMinutes(60)), from.plus(Duration.ofMinutes(90)));
        }
        // The New York change days are ordinary days in Seoul: 02:30 KST is 17:30Z the day before, every day.
        assertThat(slots(job("Seoul", SEOUL, "schedule: \"30 2 * * *\"").schedule().orElseThrow(), Instant.parse("2025-03-08T00:00:00Z"), 3))
                .containsExactly(Instant.parse("2025-03-08T17:30:00Z"), Instant.parse("2025-03-09T17:30:00Z"), Instant.parse("2025-03-10T17:30:00Z"));
    }

    @Test
    void theJobsTimezoneOverridesTheTopLevelOne()
            throws Exception
    {
        JobsConfig jobs = load("""
                timezone: Asia/Seoul
                jobs:
                  - name: here
                    schedule: "30 2 * * *"
                  - name: there
                    schedule: "30 2 * * *"
                    timezone: America/New_York
                """);

        JobDefinition here = jobs.find("here").orElseThrow();
        JobDefinition there = jobs.find("there").orElseThrow();
        assertThat(here.zone()).isEqualTo(SEOUL);
        assertThat(here.schedule()).contains(Schedule.cron("30 2 * * *", SEOUL));
        assertThat(there.zone()).isEqualTo(NEW_YORK);
        assertThat(there.schedule()).contains(Schedule.cron("30 2 * * *", NEW_YORK));
        assertThat(there.schedule().orElseThrow().next(Instant.parse("2025-03-08T12:00:00Z"))).isEqualTo(Instant.parse("2025-03-09T07:00:00Z"));
    }

    @Test
    void anOutsideJobReportingAtEachSlotIsExpectedAtExactlyTheNextSlot()
            throws Exception
    {
        for (ZoneId zone : List.of(NEW_YORK, SEOUL)) {
            for (String line : SCHEDULES) {
                Schedule schedule = job(zone.getId().replace('/', '-').toLowerCase(Locale.ROOT), zone, line).schedule().orElseThrow();
                for (Instant from : List.of(SPRING, FALL, Instant.parse("2025-03-09T05:45:00Z"), Instant.parse("2025-11-02T04:45:00Z"))) {
                    for (Instant slot : slots(schedule, from, 12)) {
                        Instant next = schedule.next(slot);
                        String where = line + " in " + zone + ", reported at " + slot;
                        assertThat(Expectations.after(schedule, slot)).as(where).isEqualTo(next);
                        if (line.startsWith("every")) {
                            // A period counts from the report itself, not from a slot: nothing more to agree on.
                            continue;
                        }
                        assertThat(Expectations.after(schedule, slot.plusSeconds(10))).as(where + " + 10 s").isEqualTo(next);
                        // A host's clock 30 s fast: the report still stands for its slot.
                        assertThat(Expectations.after(schedule, slot.minusSeconds(30))).as(where + " − 30 s").isEqualTo(next);
                    }
                }
            }
        }
    }

    private JobDefinition job(String name, ZoneId zone, String schedule)
            throws Exception
    {
        JobsConfig jobs = load("""
                timezone: UTC
                jobs:
                  - name: %s
                    %s
                    timezone: %s
                """.formatted(name.toLowerCase(Locale.ROOT), schedule, zone.getId()));
        JobDefinition job = jobs.jobs().get(0);
        assertThat(job.zone()).isEqualTo(zone);
        assertThat(job.run()).isInstanceOf(JobRun.Outside.class);
        return job;
    }

    private static List<Instant> slots(Schedule schedule, Instant from, int count)
    {
        List<Instant> slots = new ArrayList<>();
        Instant slot = from;
        for (int i = 0; i < count; i++) {
            slot = schedule.next(slot);
            slots.add(slot);
        }
        return slots;
    }

    private static List<Instant> daily(LocalDateTime from, int hour, int minute, int count)
    {
        LocalDateTime first = from.toLocalDate().atTime(hour, minute);
        if (!first.isAfter(from)) {
            first = first.plusDays(1);
        }
        List<Instant> days = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            days.add(first.plusDays(i).toInstant(PLUS_NINE));
        }
        return days;
    }

    private static boolean evenlySpaced(List<Instant> slots)
    {
        for (int i = 1; i < slots.size(); i++) {
            if (!Duration.between(slots.get(i - 1), slots.get(i)).equals(Duration.ofMinutes(30))) {
                return false;
            }
        }
        return true;
    }

    private JobsConfig load(String yaml)
            throws Exception
    {
        Path file = Files.writeString(directory.resolve("deckhand.yml"), yaml);
        return new ConfigLoader(new Environment(Map.of()), directory, MainModule.sections()).load(file).section(JobsConfig.class);
    }
}
