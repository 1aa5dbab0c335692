package dev.deckhand.jobs;

import dev.deckhand.jobs.JobDefinition.Notify;
import dev.deckhand.jobs.JobState.Health;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What a run's end does to its job: the one place outages open, grow and close. A job goes down
 * when its failures pass {@code failureTolerance}, or at once for a missed or hung run; while it is
 * down each further failure edits the one alert; the first success closes it with a recovery. A job
 * that fails again within {@link #FLAP_WINDOW} of recovering reopens the same message (a flapping
 * job is one message, not a post per flip), and its next recovery only edits it. A new job's first
 * success says nothing. A paused job says nothing: its failures change nothing, and a success only
 * records that it is up.
 */
final class JobHealth
{
    static final Duration FLAP_WINDOW = Duration.ofHours(1);

    private JobHealth() {}

    /** What to tell the channel after the change. */
    enum Notice
    {
        NONE, OPEN, REOPEN, EDIT, RECOVER, SUCCESS, SKIP
    }

    record Step(JobState state, Notice notice)
    {
        Step
        {
            requireNonNull(state, "state is null");
            requireNonNull(notice, "notice is null");
        }
    }

    static Step after(JobDefinition job, JobState state, JobRunRecord run)
    {
        JobOutcome outcome = run.outcome().orElseThrow(() -> new IllegalArgumentException("run " + run.id() + " has not ended"));
        Instant ended = run.ended().orElse(run.started());
        if (outcome == JobOutcome.SKIPPED) {
            return new Step(state, state.paused() ? Notice.NONE : Notice.SKIP);
        }
        if (!outcome.failure()) {
            return succeeded(job, state, ended);
        }
        if (state.paused()) {
            return new Step(state, Notice.NONE);
        }
        return failed(job, state, run, outcome);
    }

    private static Step succeeded(JobDefinition job, JobState state, Instant ended)
    {
        boolean recovering = state.health() == Health.DOWN;
        Optional<Instant> recoveredAt = recovering ? Optional.of(ended) : state.recoveredAt();
        JobState up = new JobState(state.job(), Health.UP, state.firstSeen(), state.expectedAt(), state.runningRun(), 0, Optional.empty(), state.pause(),
                Optional.empty(), 0, 0, state.alert(),
                Optional.of(ended), recoveredAt, state.flaps(), state.version());
        if (state.paused()) {
            return new Step(up, Notice.NONE);
        }
        if (recovering) {
            return new Step(up, Notice.RECOVER);
        }
        return new Step(up, job.notifications().contains(Notify.SUCCESS) ? Notice.SUCCESS : Notice.NONE);
    }

    private static Step failed(JobDefinition job, JobState state, JobRunRecord run, JobOutcome outcome)
    {
        boolean missed = outcome == JobOutcome.MISSED;
        int failures = state.failures() + 1;
        Instant since = state.failingSince().orElse(run.slot().filter(slot -> missed).orElse(run.started()));
        if (state.health() == Health.DOWN) {
            JobState down = new JobState(state.job(), Health.DOWN, state.firstSeen(), state.expectedAt(), state.runningRun(), failures, Optional.of(since), state.pause(),
                    state.downSince(), state.downFailed() + (missed ? 0 : 1), state.downMissed() + (missed ? 1 : 0), state.alert(), state.lastSuccess(),
                    state.recoveredAt(), state.flaps(), state.version());
            return new Step(down, notified(job, outcome) ? Notice.EDIT : Notice.NONE);
        }
        if (!outcome.alertsAtOnce() && failures <= job.failureTolerance()) {
            JobState tolerated = new JobState(state.job(), state.health(), state.firstSeen(), state.expectedAt(), state.runningRun(), failures, Optional.of(since),
                    state.pause(), state.downSince(), state.downFailed(), state.downMissed(), state.alert(), state.lastSuccess(), state.recoveredAt(), state.flaps(),
                    state.version());
            return new Step(tolerated, Notice.NONE);
        }
        Instant at = run.ended().orElse(run.started());
        boolean flapping = state.alert().isPresent() && state.recoveredAt().filter(recovered -> !recovered.plus(FLAP_WINDOW).isBefore(at)).isPresent();
        JobState down = new JobState(state.job(), Health.DOWN, state.firstSeen(), state.expectedAt(), state.runningRun(), failures, Optional.of(since), state.pause(),
                Optional.of(since), missed ? failures - 1 : failures, missed ? 1 : 0, flapping ? state.alert() : Optional.empty(), state.lastSuccess(),
                state.recoveredAt(), flapping ? state.flaps() + 1 : 0, state.version());
        if (!notified(job, outcome)) {
            return new Step(down, Notice.NONE);
        }
        return new Step(down, flapping ? Notice.REOPEN : Notice.OPEN);
    }

    private static boolean notified(JobDefinition job, JobOutcome outcome)
    {
        return job.notifications().contains(outcome == JobOutcome.MISSED ? Notify.MISSED : Notify.FAILURE);
    }
}
