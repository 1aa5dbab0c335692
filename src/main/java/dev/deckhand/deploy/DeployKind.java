package dev.deckhand.deploy;

import java.util.Locale;

/** A deploy of a new image, or a rollback to the previous good one (exempt from {@code after}, and locks the environment when it ends). */
enum DeployKind
{
    DEPLOY,
    ROLLBACK;

    String tag()
    {
        return name().toLowerCase(Locale.ROOT);
    }

    static DeployKind of(String tag)
    {
        return valueOf(tag.toUpperCase(Locale.ROOT));
    }
}
