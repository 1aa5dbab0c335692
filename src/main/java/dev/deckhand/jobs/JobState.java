package dev.deckhand.jobs;

import dev.deckhand.chat.MessageRef;

import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What Deckhand knows of a job between runs: up, down (an outage, with its alert) or new; paused or
 * not; the run holding it under {@code overlap: forbid}; for an outside job, when its next start is
 * expected. After a recovery the alert is kept with {@code recoveredAt}: a failure soon after reopens
 * that message ({@code flaps} counts how often) rather than posting another. {@code version} guards
 * every change (compare and set).
 */
public record JobState(
        String job,
        Health health,
        Instant firstSeen,
        Optional<Instant> expectedAt,
        Optional<String> runningRun,
        int failures,
        Optional<Instant> failingSince,
        Optional<Pause> pause,
        Optional<Instant> downSince,
        int downFailed,
        int downMissed,
        Optional<MessageRef> alert,
        Optional<Instant> lastSuccess,
        Optional<Instant> recoveredAt,
        int flaps,
        long version)
{
    public JobState
    {
        requireNonNull(job, "job is null");
        requireNonNull(health, "health is null");
        requireNonNull(firstSeen, "firstSeen is null");
        requireNonNull(expectedAt, "expectedAt is null");
        requireNonNull(runningRun, "runningRun is null");
        requireNonNull(failingSince, "failingSince is null");
        requireNonNull(pause, "pause is null");
        requireNonNull(downSince, "downSince is null");
        requireNonNull(alert, "alert is null");
        requireNonNull(lastSuccess, "lastSuccess is null");
        requireNonNull(recoveredAt, "recoveredAt is null");
    }

    JobState withExpectedAt(Optional<Instant> expected)
    {
        return new JobState(job, health, firstSeen, expected, runningRun, failures, failingSince, pause, downSince, downFailed, downMissed, alert, lastSuccess,
                recoveredAt, flaps, version);
    }

    JobState withPause(Optional<Pause> changed)
    {
        return new JobState(job, health, firstSeen, expectedAt, runningRun, failures, failingSince, changed, downSince, downFailed, downMissed, alert, lastSuccess,
                recoveredAt, flaps, version);
    }

    public boolean paused()
    {
        return pause.isPresent();
    }

    public enum Health
    {
        NEW, UP, DOWN
    }

    /** Who paused the job, why and when. */
    public record Pause(String by, String reason, Instant at)
    {
        public Pause
        {
            requireNonNull(by, "by is null");
            requireNonNull(reason, "reason is null");
            requireNonNull(at, "at is null");
        }
    }
}
