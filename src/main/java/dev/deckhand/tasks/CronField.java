package dev.deckhand.tasks;

import java.util.List;
import java.util.Locale;

/** One of the five fields of a Unix cron expression, and how to read it into the values it allows. */
enum CronField
{
    MINUTE("minute", 0, 59, List.of()),
    HOUR("hour", 0, 23, List.of()),
    DAY_OF_MONTH("day of month", 1, 31, List.of()),
    MONTH("month", 1, 12, List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")),
    DAY_OF_WEEK("day of week", 0, 7, List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"));

    private final String label;
    private final int min;
    private final int max;
    /** Names for the values from {@link #min} on. */
    private final List<String> names;

    CronField(String label, int min, int max, List<String> names)
    {
        this.label = label;
        this.min = min;
        this.max = max;
        this.names = names;
    }

    /** The values {@code text} allows, as flags indexed by value; throws {@link IllegalArgumentException} naming the field. */
    boolean[] parse(String text)
    {
        boolean[] allowed = new boolean[max + 1];
        for (String item : text.split(",", -1)) {
            item(item, allowed);
        }
        return allowed;
    }

    private void item(String item, boolean[] allowed)
    {
        String[] stepped = item.split("/", -1);
        if (stepped.length > 2) {
            throw problem(item, "more than one '/'");
        }
        int step = stepped.length == 2 ? number(stepped[1], item) : 1;
        if (step < 1) {
            throw problem(item, "a step must be at least 1");
        }
        String range = stepped[0];
        int first = range.equals("*") ? min : value(range.split("-", -1)[0], item);
        int last = range.equals("*") ? max : range.contains("-") ? value(range.split("-", -1)[1], item) : stepped.length == 2 ? max : first;
        if (range.chars().filter(c -> c == '-').count() > 1 || last < first) {
            throw problem(item, "not a range from a lower value to a higher one");
        }
        for (int value = first; value <= last; value += step) {
            allowed[value] = true;
        }
    }

    private int value(String text, String item)
    {
        int named = names.indexOf(text.toUpperCase(Locale.ROOT));
        int value = named >= 0 ? min + named : number(text, item);
        if (value < min || value > max) {
            throw problem(item, value + " is outside " + min + "-" + max);
        }
        return value;
    }

    private int number(String text, String item)
    {
        if (text.isEmpty() || text.length() > 4 || !text.chars().allMatch(Character::isDigit)) {
            throw problem(item, "'" + text + "' is not a number" + (names.isEmpty() ? "" : " or a name like " + names.get(0)));
        }
        return Integer.parseInt(text);
    }

    private IllegalArgumentException problem(String item, String why)
    {
        return new IllegalArgumentException("bad " + label + " '" + item + "': " + why);
    }
}
