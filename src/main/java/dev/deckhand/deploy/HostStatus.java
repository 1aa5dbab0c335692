package dev.deckhand.deploy;

import dev.deckhand.aws.InvocationStatus;

import java.util.Arrays;
import java.util.Locale;

/** One host's part of a deploy, as people see it. Only {@link #SUCCEEDED} means the host runs the new digest. */
enum HostStatus
{
    PENDING,
    IN_PROGRESS,
    SUCCEEDED,
    FAILED,
    TIMED_OUT,
    UNDELIVERABLE,
    CANCELLED;

    String tag()
    {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static HostStatus of(String tag)
    {
        return Arrays.stream(values()).filter(status -> status.tag().equals(tag)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a host status: " + tag));
    }

    boolean finished()
    {
        return this != PENDING && this != IN_PROGRESS;
    }

    /**
     * SSM's view, before the host's own result line is read. Every way of not finishing counts as a
     * failure, also those SSM's error count leaves out (delivery timed out, undeliverable, cancelled).
     */
    static HostStatus of(InvocationStatus status)
    {
        return switch (status) {
            case PENDING, DELAYED -> PENDING;
            case IN_PROGRESS, CANCELLING -> IN_PROGRESS;
            case SUCCESS -> SUCCEEDED;
            case FAILED, ACCESS_DENIED, INVALID_PLATFORM -> FAILED;
            case EXECUTION_TIMED_OUT, DELIVERY_TIMED_OUT -> TIMED_OUT;
            case UNDELIVERABLE -> UNDELIVERABLE;
            case TERMINATED, CANCELLED -> CANCELLED;
        };
    }
}
