package dev.deckhand.deploy;

import java.util.Arrays;
import java.util.Locale;

/** Where a deploy is. The store's status column and the {@code outcome} metric tag both use {@link #tag()}. */
enum DeployStatus
{
    /** Planned and shown with Confirm and Cancel; nothing sent to AWS. */
    PROPOSED,
    /** Confirmed; waiting for approvals. */
    AWAITING_APPROVAL,
    /** Sent to the hosts; being tracked. */
    RUNNING,
    SUCCEEDED,
    /** Some hosts took the new image, some did not. */
    PARTIAL,
    FAILED,
    /** Stopped with the Stop button: some hosts may have it, others not. */
    STOPPED,
    CANCELLED,
    REJECTED,
    /** Not confirmed in time, or replaced by a newer plan. */
    EXPIRED;

    String tag()
    {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static DeployStatus of(String tag)
    {
        return Arrays.stream(values()).filter(status -> status.tag().equals(tag)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a deploy status: " + tag));
    }

    /** Still waiting for a person: a Confirm, Cancel, Approve or Reject may act on it. */
    boolean open()
    {
        return this == PROPOSED || this == AWAITING_APPROVAL;
    }

    boolean ended()
    {
        return switch (this) {
            case PROPOSED, AWAITING_APPROVAL, RUNNING -> false;
            case SUCCEEDED, PARTIAL, FAILED, STOPPED, CANCELLED, REJECTED, EXPIRED -> true;
        };
    }
}
