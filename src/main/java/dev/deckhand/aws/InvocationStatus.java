package dev.deckhand.aws;

/** Where one host's invocation of a command is, from SSM's {@code StatusDetails}. */
public enum InvocationStatus
{
    PENDING,
    IN_PROGRESS,
    DELAYED,
    SUCCESS,
    FAILED,
    EXECUTION_TIMED_OUT,
    DELIVERY_TIMED_OUT,
    UNDELIVERABLE,
    TERMINATED,
    CANCELLED,
    CANCELLING,
    ACCESS_DENIED,
    INVALID_PLATFORM;

    /** True once the invocation will not change any more. */
    public boolean finished()
    {
        return switch (this) {
            case PENDING, IN_PROGRESS, DELAYED, CANCELLING -> false;
            case SUCCESS, FAILED, EXECUTION_TIMED_OUT, DELIVERY_TIMED_OUT, UNDELIVERABLE, TERMINATED, CANCELLED, ACCESS_DENIED, INVALID_PLATFORM -> true;
        };
    }
}
