package dev.deckhand.tasks;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** After a run, the next slot comes from the slot it ran for: slow runs, late starts and clocks behind neither skip nor repeat a slot. */
class SlotsTest
{
    private static final Schedule HALF_HOURLY = Schedule.cron("*/30 * * * *", ZoneOffset.UTC);
    private static final Schedule EVERY_TEN_MINUTES = Schedule.every(Duration.ofMinutes(10));

    @Test
    void aRunThatEndsOnTimeIsFollowedByTheNextSlot()
    {
        assertThat(Slots.afterRun(HALF_HOURLY, at("10:00"), at("10:00:01"), at("10:05"))).isEqualTo(at("10:30"));
        assertThat(Slots.afterRun(EVERY_TEN_MINUTES, at("10:00"), at("10:00:01"), at("10:05"))).as("not 10:10:01 or 10:15").isEqualTo(at("10:10"));
    }

    @Test
    void aRunThatEndsPastTheNextSlotIsFollowedByThatSlotAtOnceNotTheOneAfter()
    {
        assertThat(Slots.afterRun(HALF_HOURLY, at("10:00"), at("10:00"), at("10:31"))).isEqualTo(at("10:30"));
        assertThat(Slots.afterRun(HALF_HOURLY, at("10:00"), at("10:00"), at("11:05"))).as("10:30 and 11:00 overlapped: one late run").isEqualTo(at("11:00"));
        assertThat(Slots.afterRun(HALF_HOURLY, at("10:30"), at("10:31"), at("10:32"))).as("that late run is then followed on time").isEqualTo(at("11:00"));
    }

    @Test
    void aRunThatStartedLateAfterDowntimeStandsForTheLatestMissedSlot()
    {
        assertThat(Slots.afterRun(HALF_HOURLY, at("01:00"), at("05:10"), at("05:11"))).isEqualTo(at("05:30"));
        assertThat(Slots.afterRun(EVERY_TEN_MINUTES, at("01:00"), at("05:13"), at("05:14"))).isEqualTo(at("05:20"));
    }

    @Test
    void aClockBehindTheSlotDoesNotBringTheSlotRoundAgain()
    {
        assertThat(Slots.afterRun(HALF_HOURLY, at("10:00"), at("09:59:58"), at("09:59:59"))).isEqualTo(at("10:30"));
    }

    @Test
    void downtimeBeyondTenThousandSlotsStillGivesTheNextSlotAfterTheRun()
    {
        Schedule everySecond = Schedule.every(Duration.ofSeconds(1));

        assertThat(Slots.afterRun(everySecond, at("01:00"), at("05:00:00.5"), at("05:00:00.7"))).isEqualTo(at("05:00:01.5"));
        assertThat(Slots.afterRun(Schedule.cron("* * * * *", ZoneOffset.UTC), Instant.parse("2025-01-01T00:00:00Z"), at("05:00:30"), at("05:00:31")))
                .isEqualTo(at("05:01"));
    }

    private static Instant at(String time)
    {
        return Instant.parse("2025-06-01T" + (time.length() == 5 ? time + ":00" : time) + "Z");
    }
}
