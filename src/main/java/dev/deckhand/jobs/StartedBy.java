package dev.deckhand.jobs;

import java.util.Arrays;

/** What started a run; stored as {@link #tag()}. */
public enum StartedBy
{
    SCHEDULE("schedule"),
    CATCH_UP("catch_up"),
    TRIGGER("trigger"),
    PERSON("person"),
    PING("ping"),
    WATCH("watch");

    private final String tag;

    StartedBy(String tag)
    {
        this.tag = tag;
    }

    public String tag()
    {
        return tag;
    }

    static StartedBy of(String tag)
    {
        return Arrays.stream(values()).filter(by -> by.tag.equals(tag)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown run starter " + tag));
    }
}
