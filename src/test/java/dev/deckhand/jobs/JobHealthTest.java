package dev.deckhand.jobs;

import dev.deckhand.chat.MessageRef;
import dev.deckhand.jobs.JobDefinition.CatchUp;
import dev.deckhand.jobs.JobDefinition.Notify;
import dev.deckhand.jobs.JobDefinition.Overlap;
import dev.deckhand.jobs.JobDefinition.Retries;
import dev.deckhand.jobs.JobHealth.Notice;
import dev.deckhand.jobs.JobHealth.Step;
import dev.deckhand.jobs.JobState.Health;
import dev.deckhand.jobs.JobState.Pause;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Where outages open, grow and close: one alert per outage, tolerance for failures but never for a missed or hung run, silence when paused. */
class JobHealthTest
{
    private static final Instant T0 = Instant.parse("2025-06-01T00:00:00Z");
    private static final Set<Notify> DEFAULT = Set.of(Notify.FAILURE, Notify.RECOVERY, Notify.MISSED);

    @Test
    void aNewJobsFirstSuccessSaysNothing()
    {
        Step step = JobHealth.after(job(0, DEFAULT), state(), run(JobOutcome.SUCCEEDED, 0));
        assertThat(step.notice()).isEqualTo(Notice.NONE);
        assertThat(step.state().health()).isEqualTo(Health.UP);
        assertThat(step.state().lastSuccess()).contains(T0);
    }

    @Test
    void failuresOpenOneOutageAndEditItThenOneRecovery()
    {
        JobDefinition job = job(0, DEFAULT);
        Step first = JobHealth.after(job, state(), run(JobOutcome.FAILED, 0));
        assertThat(first.notice()).isEqualTo(Notice.OPEN);
        assertThat(first.state().downSince()).contains(T0);
        Step second = JobHealth.after(job, first.state(), run(JobOutcome.TIMED_OUT, 30));
        assertThat(second.notice()).isEqualTo(Notice.EDIT);
        Step missed = JobHealth.after(job, second.state(), run(JobOutcome.MISSED, 60));
        assertThat(missed.notice()).isEqualTo(Notice.EDIT);
        assertThat(missed.state().downFailed()).isEqualTo(2);
        assertThat(missed.state().downMissed()).isEqualTo(1);
        assertThat(missed.state().downSince()).contains(T0);
        Step back = JobHealth.after(job, missed.state(), run(JobOutcome.SUCCEEDED, 90));
        assertThat(back.notice()).isEqualTo(Notice.RECOVER);
        assertThat(back.state().health()).isEqualTo(Health.UP);
        assertThat(back.state().failures()).isZero();
        assertThat(back.state().downSince()).isEmpty();
        assertThat(JobHealth.after(job, back.state(), run(JobOutcome.SUCCEEDED, 120)).notice()).isEqualTo(Notice.NONE);
    }

    @Test
    void failureToleranceDelaysFailuresButNotMissedOrHungRuns()
    {
        JobDefinition job = job(2, DEFAULT);
        Step one = JobHealth.after(job, state(), run(JobOutcome.FAILED, 0));
        Step two = JobHealth.after(job, one.state(), run(JobOutcome.TOO_FAST, 30));
        assertThat(List.of(one.notice(), two.notice())).containsOnly(Notice.NONE);
        Step three = JobHealth.after(job, two.state(), run(JobOutcome.INTERRUPTED, 60));
        assertThat(three.notice()).isEqualTo(Notice.OPEN);
        assertThat(three.state().downFailed()).isEqualTo(3);
        assertThat(three.state().downSince()).contains(T0);

        assertThat(JobHealth.after(job, state(), run(JobOutcome.MISSED, 0)).notice()).isEqualTo(Notice.OPEN);
        assertThat(JobHealth.after(job, state(), run(JobOutcome.TIMED_OUT, 0)).notice()).isEqualTo(Notice.OPEN);
        // A success between tolerated failures starts the count again.
        Step reset = JobHealth.after(job, one.state(), run(JobOutcome.SUCCEEDED, 30));
        assertThat(JobHealth.after(job, reset.state(), run(JobOutcome.FAILED, 60)).notice()).isEqualTo(Notice.NONE);
    }

    @Test
    void aPausedJobChangesNothingAndSaysNothing()
    {
        JobState paused = withPause(state());
        assertThat(JobHealth.after(job(0, DEFAULT), paused, run(JobOutcome.FAILED, 0))).isEqualTo(new Step(paused, Notice.NONE));
        assertThat(JobHealth.after(job(0, DEFAULT), paused, run(JobOutcome.SKIPPED, 0)).notice()).isEqualTo(Notice.NONE);
    }

    @Test
    void notifyDecidesWhatIsSaid()
    {
        JobDefinition quiet = job(0, Set.of(Notify.RECOVERY));
        Step down = JobHealth.after(quiet, state(), run(JobOutcome.FAILED, 0));
        assertThat(down.notice()).isEqualTo(Notice.NONE);
        assertThat(down.state().health()).isEqualTo(Health.DOWN);
        JobDefinition loud = job(0, Set.of(Notify.SUCCESS));
        assertThat(JobHealth.after(loud, state(), run(JobOutcome.SUCCEEDED, 0)).notice()).isEqualTo(Notice.SUCCESS);
        assertThat(JobHealth.after(loud, state(), run(JobOutcome.SKIPPED, 0)).notice()).isEqualTo(Notice.SKIP);
    }

    @Test
    void failingAgainSoonAfterARecoveryReopensTheSameMessage()
    {
        JobDefinition job = job(0, DEFAULT);
        Step down = JobHealth.after(job, state(), run(JobOutcome.FAILED, 0));
        Step back = JobHealth.after(job, alerted(down.state()), run(JobOutcome.SUCCEEDED, 1));
        assertThat(back.notice()).isEqualTo(Notice.RECOVER);
        assertThat(back.state().alert()).isPresent();
        Step again = JobHealth.after(job, back.state(), run(JobOutcome.FAILED, 30));
        assertThat(again.notice()).isEqualTo(Notice.REOPEN);
        assertThat(again.state().alert()).isEqualTo(back.state().alert());
        assertThat(again.state().flaps()).isEqualTo(1);
        assertThat(again.state().downFailed()).isEqualTo(1);
        Step backAgain = JobHealth.after(job, again.state(), run(JobOutcome.SUCCEEDED, 31));
        assertThat(backAgain.notice()).isEqualTo(Notice.RECOVER);
        assertThat(backAgain.state().flaps()).isEqualTo(1);
        // Over an hour after the last recovery it is a new outage, with a new message.
        Step later = JobHealth.after(job, backAgain.state(), run(JobOutcome.FAILED, 31 + 61));
        assertThat(later.notice()).isEqualTo(Notice.OPEN);
        assertThat(later.state().alert()).isEmpty();
        assertThat(later.state().flaps()).isZero();
    }

    private static JobDefinition job(int tolerance, Set<Notify> notify)
    {
        return new JobDefinition("build", Optional.empty(), Optional.empty(), ZoneOffset.UTC, new JobRun.Outside(), Optional.empty(), Duration.ofMinutes(5),
                Optional.empty(), Optional.empty(), Retries.NONE, tolerance, Overlap.FORBID, CatchUp.ONCE, Optional.empty(), notify, List.of(), Optional.empty(),
                Optional.empty());
    }

    private static JobState state()
    {
        return new JobState("build", Health.NEW, T0, Optional.empty(), Optional.empty(), 0, Optional.empty(), Optional.empty(), Optional.empty(), 0, 0,
                Optional.empty(), Optional.empty(), Optional.empty(), 0, 0);
    }

    private static JobState withPause(JobState state)
    {
        return state.withPause(Optional.of(new Pause("U0DEV", "maintenance", T0)));
    }

    private static JobState alerted(JobState state)
    {
        return new JobState(state.job(), state.health(), state.firstSeen(), state.expectedAt(), state.runningRun(), state.failures(), state.failingSince(),
                state.pause(), state.downSince(), state.downFailed(), state.downMissed(), Optional.of(new MessageRef("#batch", "1700000000.000100")), state.lastSuccess(),
                state.recoveredAt(), state.flaps(), state.version());
    }

    private static JobRunRecord run(JobOutcome outcome, int minutes)
    {
        Instant at = T0.plus(Duration.ofMinutes(minutes));
        return new JobRunRecord(UUID.randomUUID().toString(), "build", StartedBy.SCHEDULE, Optional.empty(), Optional.of(at), Optional.empty(), 1, false, at,
                Optional.of(at), Optional.of(outcome), OptionalInt.empty(), Optional.of(Duration.ZERO), "", Optional.empty(), Optional.empty());
    }
}
