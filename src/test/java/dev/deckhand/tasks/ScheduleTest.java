package dev.deckhand.tasks;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link Schedule#next}: cron fields, and the daylight-saving rule on the 2025 New York transitions, with Seoul (no DST) as the control. */
class ScheduleTest
{
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

    @Test
    void seoulHasNoTransitionsSoItsRunsAreLocalTimeMinusNineHours()
    {
        Schedule daily = Schedule.cron("30 2 * * *", SEOUL);
        Schedule halfHourly = Schedule.cron("*/30 * * * *", SEOUL);

        List<Instant> days = runs(daily, at("2025-03-07T00:00+09:00"), 4);
        List<Instant> expected = new ArrayList<>();
        for (LocalDate day = LocalDate.of(2025, 3, 7); expected.size() < 4; day = day.plusDays(1)) {
            expected.add(day.atTime(2, 30).toInstant(ZoneOffset.ofHours(9)));
        }
        assertThat(days).containsExactlyElementsOf(expected);
        assertThat(runs(daily, at("2025-11-01T03:00+09:00"), 2)).containsExactly(at("2025-11-02T02:30+09:00"), at("2025-11-03T02:30+09:00"));
        assertThat(runs(halfHourly, at("2025-11-02T00:40+09:00"), 4)).containsExactly(
                at("2025-11-02T01:00+09:00"), at("2025-11-02T01:30+09:00"), at("2025-11-02T02:00+09:00"), at("2025-11-02T02:30+09:00"));
    }

    @Test
    void aWallClockTimeTheClocksSkipRunsAtTheFirstInstantAfterTheGap()
    {
        assertThat(runs(Schedule.cron("30 2 * * *", NEW_YORK), at("2025-03-07T12:00-05:00"), 3)).containsExactly(
                at("2025-03-08T02:30-05:00"), at("2025-03-09T03:00-04:00"), at("2025-03-10T02:30-04:00"));
        assertThat(runs(Schedule.cron("0 2 * * SUN", NEW_YORK), at("2025-03-08T00:00-05:00"), 2)).containsExactly(
                at("2025-03-09T03:00-04:00"), at("2025-03-16T02:00-04:00"));
    }

    @Test
    void severalWallClockTimesInOneGapRunOnceBetweenThem()
    {
        assertThat(runs(Schedule.cron("0,20,40 2 * * *", NEW_YORK), at("2025-03-08T23:00-05:00"), 2)).containsExactly(
                at("2025-03-09T03:00-04:00"), at("2025-03-10T02:00-04:00"));
    }

    @Test
    void aWallClockTimeTheClocksShowTwiceRunsOnceAtItsFirstOccurrence()
    {
        Schedule daily = Schedule.cron("30 1 * * *", NEW_YORK);

        assertThat(runs(daily, at("2025-11-01T12:00-04:00"), 2)).containsExactly(at("2025-11-02T01:30-04:00"), at("2025-11-03T01:30-05:00"));
        assertThat(daily.next(at("2025-11-02T01:10-05:00"))).as("asked inside the second copy of the hour").isEqualTo(at("2025-11-03T01:30-05:00"));
    }

    @Test
    void aCadenceSkipsTheTimesOfTheGapAndKeepsItsSpacingInElapsedTime()
    {
        List<Instant> halfHours = runs(Schedule.cron("*/30 * * * *", NEW_YORK), at("2025-03-09T01:00-05:00"), 3);
        List<Instant> hours = runs(Schedule.cron("15 * * * *", NEW_YORK), at("2025-03-09T01:00-05:00"), 3);

        assertThat(halfHours).containsExactly(at("2025-03-09T01:30-05:00"), at("2025-03-09T03:00-04:00"), at("2025-03-09T03:30-04:00"));
        assertThat(hours).containsExactly(at("2025-03-09T01:15-05:00"), at("2025-03-09T03:15-04:00"), at("2025-03-09T04:15-04:00"));
        assertThat(gaps(hours)).containsOnly(Duration.ofHours(1));
    }

    @Test
    void aCadenceRunsInBothCopiesOfTheRepeatedHour()
    {
        List<Instant> halfHours = runs(Schedule.cron("*/30 * * * *", NEW_YORK), at("2025-11-02T00:45-04:00"), 5);
        List<Instant> hours = runs(Schedule.cron("0 * * * *", NEW_YORK), at("2025-11-02T00:30-04:00"), 3);

        assertThat(halfHours).containsExactly(at("2025-11-02T01:00-04:00"), at("2025-11-02T01:30-04:00"),
                at("2025-11-02T01:00-05:00"), at("2025-11-02T01:30-05:00"), at("2025-11-02T02:00-05:00"));
        assertThat(gaps(halfHours)).containsOnly(Duration.ofMinutes(30));
        assertThat(hours).containsExactly(at("2025-11-02T01:00-04:00"), at("2025-11-02T01:00-05:00"), at("2025-11-02T02:00-05:00"));
    }

    @Test
    void aPeriodIsElapsedTimeWhateverTheWallClockDoes()
    {
        Schedule hourly = Schedule.every(Duration.ofHours(1));

        assertThat(runs(hourly, at("2025-03-09T01:30-05:00"), 2)).containsExactly(at("2025-03-09T03:30-04:00"), at("2025-03-09T04:30-04:00"));
        assertThatThrownBy(() -> Schedule.every(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
    }

    @Test
    void fieldsTakeNamesRangesListsAndStepsAndSundayIsZeroOrSeven()
    {
        ZoneId utc = ZoneOffset.UTC;

        assertThat(runs(Schedule.cron("0 9 * * mon-fri", utc), at("2025-06-06T10:00Z"), 2)).as("Friday, then Monday")
                .containsExactly(at("2025-06-09T09:00Z"), at("2025-06-10T09:00Z"));
        assertThat(Schedule.cron("0 0 * * 7", utc).next(at("2025-06-01T00:00Z"))).isEqualTo(at("2025-06-08T00:00Z"));
        assertThat(Schedule.cron("0 0 * * 0", utc).next(at("2025-06-01T00:00Z"))).isEqualTo(at("2025-06-08T00:00Z"));
        assertThat(runs(Schedule.cron("5/20 1-3/2 * JAN,jul *", utc), at("2025-06-30T23:00Z"), 4)).containsExactly(
                at("2025-07-01T01:05Z"), at("2025-07-01T01:25Z"), at("2025-07-01T01:45Z"), at("2025-07-01T03:05Z"));
    }

    @Test
    void restrictedDayFieldsRunOnEitherAndTheCalendarIsRespected()
    {
        ZoneId utc = ZoneOffset.UTC;

        assertThat(runs(Schedule.cron("0 0 13 * FRI", utc), at("2025-06-01T00:00Z"), 3)).as("Fridays and the 13th")
                .containsExactly(at("2025-06-06T00:00Z"), at("2025-06-13T00:00Z"), at("2025-06-20T00:00Z"));
        assertThat(runs(Schedule.cron("0 0 31 * *", utc), at("2025-03-31T00:00Z"), 2)).containsExactly(at("2025-05-31T00:00Z"), at("2025-07-31T00:00Z"));
        assertThat(Schedule.cron("0 0 29 2 *", utc).next(at("2025-01-01T00:00Z"))).isEqualTo(at("2028-02-29T00:00Z"));
    }

    @Test
    void aBadExpressionSaysWhatIsWrong()
    {
        assertThatThrownBy(() -> Schedule.cron("0 */30 * * * *", SEOUL)).hasMessageContaining("five fields").hasMessageContaining("not 6");
        assertThatThrownBy(() -> Schedule.cron("60 * * * *", SEOUL)).hasMessage("bad minute '60': 60 is outside 0-59");
        assertThatThrownBy(() -> Schedule.cron("0 0 * * FUN", SEOUL)).hasMessageContaining("bad day of week 'FUN'");
        assertThatThrownBy(() -> Schedule.cron("0 0 5-1 * *", SEOUL)).hasMessageContaining("bad day of month '5-1'");
        assertThatThrownBy(() -> Schedule.cron("*/0 * * * *", SEOUL)).hasMessageContaining("step");
        assertThatThrownBy(() -> Schedule.cron("0 0 30 2 *", SEOUL)).hasMessageContaining("never runs");
    }

    @Test
    void schedulesAreValuesThatSayWhatTheyAre()
    {
        assertThat(Schedule.cron(" 30  2 * * * ", NEW_YORK)).isEqualTo(Schedule.cron("30 2 * * *", NEW_YORK))
                .isNotEqualTo(Schedule.cron("30 2 * * *", SEOUL))
                .hasToString("cron \"30 2 * * *\" in America/New_York");
        assertThat(Schedule.every(Duration.ofMinutes(30))).isEqualTo(Schedule.every(Duration.ofMinutes(30))).hasToString("every PT30M");
    }

    private static List<Instant> runs(Schedule schedule, Instant from, int count)
    {
        List<Instant> runs = new ArrayList<>();
        for (Instant after = from; runs.size() < count; after = runs.get(runs.size() - 1)) {
            runs.add(schedule.next(after));
        }
        return runs;
    }

    private static List<Duration> gaps(List<Instant> runs)
    {
        List<Duration> gaps = new ArrayList<>();
        for (int i = 1; i < runs.size(); i++) {
            gaps.add(Duration.between(runs.get(i - 1), runs.get(i)));
        }
        return gaps;
    }

    private static Instant at(String offsetDateTime)
    {
        return OffsetDateTime.parse(offsetDateTime.replaceAll("(T\\d\\d:\\d\\d)([Z+-])", "$1:00$2")).toInstant();
    }
}
