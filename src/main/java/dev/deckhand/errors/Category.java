package dev.deckhand.errors;

/** What kind of failure it was, for the person and for the audit: their mistake, a refusal, a service down, or a bug. */
public enum Category
{
    /** The person can fix it: a typo, a bad value. */
    REJECTED,
    /** The person may not do it. */
    REFUSED,
    /** The request itself cannot be taken as it came: an id Slack never sends, a kind no one handles. */
    MALFORMED,
    /** A service Deckhand depends on failed (Slack, AWS, the store). */
    UNAVAILABLE,
    /** A bug in Deckhand. */
    FAILED
}
