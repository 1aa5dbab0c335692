package dev.deckhand.tasks;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** A five-field Unix cron expression in a time zone; the daylight-saving rule is on {@link Schedule}. */
final class Cron
        implements Schedule
{
    /** Longer than any gap between two runs of an expression that runs at all (Feb 29 on a Monday: 28 years). */
    private static final int SEARCH_YEARS = 30;

    private final String expression;
    private final ZoneId zone;
    private final boolean[] minutes;
    private final boolean[] hours;
    private final boolean[] days;
    private final boolean[] months;
    private final boolean[] weekdays;
    /** Vixie cron: when both day fields are restricted, a day matching either one runs. */
    private final boolean eitherDay;
    /** Minute and hour both name values: the expression names times on the wall clock (see {@link Schedule}). */
    private final boolean wallClock;

    private Cron(List<String> fields, ZoneId zone)
    {
        this.expression = String.join(" ", fields);
        this.zone = zone;
        this.minutes = CronField.MINUTE.parse(fields.get(0));
        this.hours = CronField.HOUR.parse(fields.get(1));
        this.days = CronField.DAY_OF_MONTH.parse(fields.get(2));
        this.months = CronField.MONTH.parse(fields.get(3));
        this.weekdays = CronField.DAY_OF_WEEK.parse(fields.get(4));
        weekdays[0] |= weekdays[7];
        this.eitherDay = !fields.get(2).startsWith("*") && !fields.get(4).startsWith("*");
        this.wallClock = !fields.get(0).startsWith("*") && !fields.get(1).startsWith("*");
    }

    static Cron parse(String expression, ZoneId zone)
    {
        requireNonNull(expression, "expression is null");
        requireNonNull(zone, "zone is null");
        List<String> fields = List.of(expression.trim().split("\\s+"));
        if (fields.size() != 5) {
            throw new IllegalArgumentException("a cron schedule has five fields (minute hour day-of-month month day-of-week), not "
                    + fields.size() + ": '" + expression.trim() + "'");
        }
        Cron cron = new Cron(fields, zone);
        // 2000 begins a 28-year cycle of weekdays and leap years: a day that never comes in it never comes.
        if (cron.nextMatch(LocalDateTime.of(2000, 1, 1, 0, 0)).isEmpty()) {
            throw new IllegalArgumentException("'" + cron.expression + "' never runs: no date has that day of the month in those months");
        }
        return cron;
    }

    String expression()
    {
        return expression;
    }

    ZoneId zone()
    {
        return zone;
    }

    @Override
    public Instant next(Instant after)
    {
        requireNonNull(after, "after is null");
        return wallClock ? nextOnWallClock(after) : nextInElapsedTime(after);
    }

    private Instant nextOnWallClock(Instant after)
    {
        LocalDateTime time = LocalDateTime.ofInstant(after, zone);
        while (true) {
            time = nextMatch(time).orElseThrow(this::neverAgain);
            Instant at = onWallClock(time);
            // A time seen twice and already run in its first copy, or a gap's time already run at the gap's end.
            if (at.isAfter(after)) {
                return at;
            }
        }
    }

    private Instant onWallClock(LocalDateTime time)
    {
        ZoneRules rules = zone.getRules();
        List<ZoneOffset> offsets = rules.getValidOffsets(time);
        if (offsets.isEmpty()) {
            return rules.getTransition(time).getInstant();
        }
        return offsets.stream().map(time::toInstant).min(Comparator.naturalOrder()).orElseThrow();
    }

    /** Walks the stretches of constant UTC offset, in each of which wall-clock order is elapsed-time order. */
    private Instant nextInElapsedTime(Instant after)
    {
        ZoneRules rules = zone.getRules();
        Instant stretch = after;
        ZoneOffset offset = rules.getOffset(after);
        LocalDateTime from = LocalDateTime.ofInstant(after, offset);
        while (true) {
            Instant at = nextMatch(from).orElseThrow(this::neverAgain).toInstant(offset);
            ZoneOffsetTransition transition = rules.nextTransition(stretch);
            if (transition == null || at.isBefore(transition.getInstant())) {
                return at;
            }
            stretch = transition.getInstant();
            offset = transition.getOffsetAfter();
            from = transition.getDateTimeAfter().minusNanos(1);
        }
    }

    /** The first matching minute strictly after {@code time}, on a calendar without time zones. */
    private Optional<LocalDateTime> nextMatch(LocalDateTime time)
    {
        LocalDateTime start = time.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        LocalDate last = start.toLocalDate().plusYears(SEARCH_YEARS);
        for (LocalDate day = start.toLocalDate(); !day.isAfter(last); day = day.plusDays(1)) {
            if (matches(day)) {
                Optional<LocalTime> at = firstTime(day.equals(start.toLocalDate()) ? start.toLocalTime() : LocalTime.MIDNIGHT);
                if (at.isPresent()) {
                    return Optional.of(day.atTime(at.get()));
                }
            }
        }
        return Optional.empty();
    }

    private boolean matches(LocalDate day)
    {
        if (!months[day.getMonthValue()]) {
            return false;
        }
        boolean dayOfMonth = days[day.getDayOfMonth()];
        boolean dayOfWeek = weekdays[day.getDayOfWeek().getValue() % 7];
        return eitherDay ? dayOfMonth || dayOfWeek : dayOfMonth && dayOfWeek;
    }

    private Optional<LocalTime> firstTime(LocalTime from)
    {
        for (int hour = from.getHour(); hour < 24; hour++) {
            for (int minute = hour == from.getHour() ? from.getMinute() : 0; hours[hour] && minute < 60; minute++) {
                if (minutes[minute]) {
                    return Optional.of(LocalTime.of(hour, minute));
                }
            }
        }
        return Optional.empty();
    }

    private IllegalStateException neverAgain()
    {
        return new IllegalStateException(this + " has no run within " + SEARCH_YEARS + " years");
    }

    @Override
    public boolean equals(Object other)
    {
        return other instanceof Cron cron && cron.expression.equals(expression) && cron.zone.equals(zone);
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(expression, zone);
    }

    @Override
    public String toString()
    {
        return "cron \"" + expression + "\" in " + zone.getId();
    }
}
