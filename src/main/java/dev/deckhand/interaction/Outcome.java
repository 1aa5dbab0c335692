package dev.deckhand.interaction;

import dev.deckhand.errors.Category;

import java.util.Locale;

/** How a command, click or form ended, as the audit log and the {@code outcome} metric tag record it. */
public enum Outcome
{
    OK,
    STARTED,
    FORM,
    CANCELLED,
    FINISHED,
    DUPLICATE,
    REJECTED,
    REFUSED,
    MALFORMED,
    UNAVAILABLE,
    FAILED;

    /** The one mapping to text: {@code ok}, {@code started}, … as stored and tagged. */
    public String tag()
    {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Outcome of(Category category)
    {
        return switch (category) {
            case REJECTED -> REJECTED;
            case REFUSED -> REFUSED;
            case MALFORMED -> MALFORMED;
            case UNAVAILABLE -> UNAVAILABLE;
            case FAILED -> FAILED;
        };
    }
}
