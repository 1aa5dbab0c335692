package dev.deckhand.jobs;

import dev.deckhand.jobs.JobStore.OpenRun;
import dev.deckhand.tasks.DurableTasks;
import dev.deckhand.tasks.Instances;
import dev.deckhand.tasks.Schedule;
import dev.deckhand.tasks.TaskDefinition;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Provider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * The missed-run watch, once across replicas every {@link #EVERY}: runs of replicas that are gone end
 * as interrupted; runs with no end by {@code maxRuntime} end as timed out (hung); a job whose slot
 * passed {@code grace} ago with no start is missed, whether Deckhand runs it (its scheduler stalled)
 * or it reports from outside, and a new job that never ran too.
 *
 * <p>Deckhand's own downtime is not a job's fault. The watch keeps when it last looked; a gap of
 * more than {@link #GAP} means nobody was watching. A deadline inside the gap: an outside job's expected
 * start moves on by the gap's length (its pings could not be received, and its next one is awaited
 * before it is called missed), and Deckhand's own jobs are left to their catch-up run (see
 * {@link JobRuns#fire}) unless the scheduler has not caught up a minute after.
 */
final class JobWatch
{
    static final Duration EVERY = Duration.ofSeconds(5);
    static final Duration GAP = Duration.ofSeconds(30);
    private static final Duration CATCH_UP_WAIT = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(JobWatch.class);

    private final Supplier<JobsConfig> jobs;
    private final JobStore store;
    private final JobAlerts alerts;
    private final JobRuns runs;
    private final Provider<DurableTasks> tasks;
    private final Instances instances;
    private final MeterRegistry metrics;
    private final Clock clock;

    JobWatch(Supplier<JobsConfig> jobs, JobStore store, JobAlerts alerts, JobRuns runs, Provider<DurableTasks> tasks, Instances instances, MeterRegistry metrics, Clock clock)
    {
        this.jobs = requireNonNull(jobs, "jobs is null");
        this.store = requireNonNull(store, "store is null");
        this.alerts = requireNonNull(alerts, "alerts is null");
        this.runs = requireNonNull(runs, "runs is null");
        this.tasks = requireNonNull(tasks, "tasks is null");
        this.instances = requireNonNull(instances, "instances is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    TaskDefinition task()
    {
        return TaskDefinition.recurring("job-watch", EVERY, this::look);
    }

    /** When nobody was watching: from the last look before it to the first after. */
    record Gap(Instant from, Instant to)
    {
        boolean covers(Instant deadline)
        {
            return deadline.isAfter(from) && !deadline.isAfter(to);
        }
    }

    void look()
    {
        Instant now = clock.instant();
        store.look(now).filter(last -> Duration.between(last, now).compareTo(GAP) > 0).ifPresent(last -> {
            store.gap(last, now);
            log.info("the job watch did not run from {} to {}: deadlines in between get a fresh look", last, now);
        });
        // From the store, not this replica's memory: the next look may be another replica's.
        Optional<Gap> gap = store.gap();
        endInterrupted(now);
        endHung(now);
        Map<String, Instant> dues = tasks.get().dues(JobSchedules.SLOT);
        for (JobDefinition job : jobs.get().jobs()) {
            if (job.schedule().isEmpty()) {
                continue;
            }
            try {
                if (job.run() instanceof JobRun.Outside) {
                    outside(job, job.schedule().get(), now, gap);
                }
                else {
                    Optional.ofNullable(dues.get(job.name())).ifPresent(due -> own(job, due, now, gap));
                }
            }
            catch (RuntimeException e) {
                log.warn("could not check job {} for a missed run: {}", job.name(), e.toString());
            }
        }
    }

    private void endInterrupted(Instant now)
    {
        Optional<Set<String>> alive = instances.alive();
        if (alive.isEmpty()) {
            return;
        }
        for (OpenRun open : store.open()) {
            if (open.instance().isPresent() && !alive.get().contains(open.instance().get())) {
                end(open.run(), JobOutcome.INTERRUPTED, now, "run.interrupted");
            }
        }
    }

    private void endHung(Instant now)
    {
        for (OpenRun open : store.open()) {
            jobs.get().find(open.run().job()).flatMap(JobDefinition::maxRuntime)
                    .filter(max -> !open.run().started().plus(max).isAfter(now))
                    .ifPresent(max -> end(open.run(), JobOutcome.TIMED_OUT, now, "run.hung"));
        }
    }

    private void end(JobRunRecord run, JobOutcome outcome, Instant now, String reasonKey)
    {
        Optional<JobDefinition> job = jobs.get().find(run.job());
        String reason = runs.views().text().get(reasonKey, "job", run.job(), "max", job.flatMap(JobDefinition::maxRuntime).map(runs.views()::took).orElse("?"));
        if (!store.finish(run.id(), new RunEnding(now, outcome, OptionalInt.empty(), Optional.of(Duration.between(run.started(), now)), reason, Optional.empty(), false))) {
            return;
        }
        store.release(run.job(), run.id());
        log.info("job {} run {} {}", run.job(), run.id(), outcome.tag());
        job.ifPresent(definition -> {
            runs.count(definition, outcome);
            alerts.ended(definition, store.run(run.id()).orElseThrow());
        });
    }

    /** Deckhand runs it: missed when the scheduler's due time is {@code grace} past and nothing took it. */
    private void own(JobDefinition job, Instant due, Instant now, Optional<Gap> gap)
    {
        Instant deadline = due.plus(job.grace());
        if (deadline.isAfter(now) || store.missed(job.name(), due)) {
            return;
        }
        if (gap.filter(seen -> seen.covers(deadline) && now.isBefore(seen.to().plus(CATCH_UP_WAIT))).isPresent()) {
            return;
        }
        JobState state = store.state(job.name(), now, Optional.empty());
        if (state.paused()) {
            return;
        }
        missed(job, due, now);
    }

    /** Reported from outside: missed when its expected start is {@code grace} past. */
    private void outside(JobDefinition job, Schedule schedule, Instant now, Optional<Gap> gap)
    {
        JobState state = store.state(job.name(), now, Optional.of(schedule.next(now)));
        if (state.paused() || state.expectedAt().isEmpty()) {
            return;
        }
        Instant expected = state.expectedAt().get();
        Instant deadline = expected.plus(job.grace());
        if (deadline.isAfter(now)) {
            return;
        }
        Optional<Gap> missedBy = gap.filter(seen -> seen.covers(deadline));
        if (missedBy.isPresent()) {
            // Its pings could not have been received: its expected start moves on by as long as nobody watched, so its
            // next report (or the one after the lost one) is awaited before anything is said.
            expect(state, Optional.of(expected.plus(Duration.between(missedBy.get().from(), missedBy.get().to()))));
            return;
        }
        if (expect(state, Optional.of(schedule.next(now)))) {
            missed(job, expected, now);
        }
    }

    private boolean expect(JobState state, Optional<Instant> expectedAt)
    {
        return store.replace(state, state.withExpectedAt(expectedAt));
    }

    private void missed(JobDefinition job, Instant slot, Instant now)
    {
        String reason = runs.views().text().get("run.missed", "slot", JobViews.when(slot, job.zone()), "grace", runs.views().took(job.grace()));
        JobRunRecord missed = new JobRunRecord(UUID.randomUUID().toString(), job.name(), StartedBy.WATCH, Optional.empty(), Optional.of(slot), Optional.empty(), 1, false,
                now, Optional.of(now), Optional.of(JobOutcome.MISSED), OptionalInt.empty(), Optional.empty(), reason, Optional.empty(), Optional.empty());
        store.insert(missed, "");
        runs.count(job, JobOutcome.MISSED);
        Counter.builder("deckhand.job.missed").description("Missed job runs, by job").tag(JobRuns.JOB_TAG, job.name()).register(metrics).increment();
        log.info("job {} missed its {} run", job.name(), slot);
        alerts.ended(job, missed);
    }
}
