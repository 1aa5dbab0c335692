package dev.deckhand.aws;

import java.util.List;

/**
 * Commands run on a fleet, in domain terms (SSM Run Command behind it). Failures of AWS throw
 * {@link AwsFailure}; throttling is retried inside, never thrown.
 */
public interface RemoteCommands
{
    /**
     * The managed instances the targets match right now, online or not (DescribeInstanceInformation, paged).
     * SSM does not list stopped instances, and its ping status can be stale: a pre-check, not a promise.
     */
    List<Host> hosts(Targets targets);

    /**
     * Sends the command; returns its command id. Targets SSM would refuse (more than 5 tags, more than
     * 50 instance ids, a tag without values) throw {@link IllegalArgumentException} before any call.
     */
    String send(CommandRequest request);

    /**
     * Every host's invocation of the command so far, with its output (ListCommandInvocations with
     * details, paged through: one call per page, never one per host). Empty right after sending, while SSM catches up.
     */
    List<HostInvocation> invocations(String commandId);

    /** Asks SSM to cancel the command's invocations that have not finished (best effort). */
    void cancel(String commandId);
}
