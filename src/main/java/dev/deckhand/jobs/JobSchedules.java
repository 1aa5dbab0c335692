package dev.deckhand.jobs;

import dev.deckhand.config.ConfigHolder;
import dev.deckhand.config.DeckhandConfig;
import dev.deckhand.lifecycle.Managed;
import dev.deckhand.tasks.DurableTasks;
import dev.deckhand.tasks.Recurrence;
import dev.deckhand.tasks.TaskDefinition;
import dev.deckhand.tasks.TaskKey;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Provider;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * Keeps one recurring task instance per scheduled job Deckhand runs, following the config at start
 * and on reload: the scheduler fires each slot once across replicas, at {@code Schedule.next}, which
 * "next run" and the missed-run watch read too. Outside jobs get their state (and so their first
 * expected start) when first seen. Publishes each job's last success for Prometheus.
 */
final class JobSchedules
        implements Managed
{
    static final TaskKey<Slot> SLOT = TaskKey.of("job-slot", Slot.class);

    private final ConfigHolder config;
    private final JobStore store;
    private final JobSlots slots;
    private final Provider<DurableTasks> tasks;
    private final MeterRegistry metrics;
    private final Clock clock;
    private static final java.time.Duration GAUGE_FRESH = java.time.Duration.ofSeconds(5);
    private final Set<String> gauged = ConcurrentHashMap.newKeySet();
    private volatile LastSuccesses lastSuccesses;

    JobSchedules(ConfigHolder config, JobStore store, JobSlots slots, Provider<DurableTasks> tasks, MeterRegistry metrics, Clock clock)
    {
        this.config = requireNonNull(config, "config is null");
        this.store = requireNonNull(store, "store is null");
        this.slots = requireNonNull(slots, "slots is null");
        this.tasks = requireNonNull(tasks, "tasks is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** What a slot task carries: its job, which is also its id. */
    record Slot(String job) {}

    TaskDefinition task()
    {
        return TaskDefinition.onSchedule(SLOT, (id, due, slot) -> slots.fire(slot.job(), due));
    }

    @Override
    public void start()
    {
        follow(config.current());
        config.onReload(this::follow);
    }

    @Override
    public void stop() {}

    private void follow(DeckhandConfig current)
    {
        Map<String, Recurrence<Slot>> wanted = new LinkedHashMap<>();
        for (JobDefinition job : current.section(JobsConfig.class).jobs()) {
            if (job.schedule().isPresent() && !(job.run() instanceof JobRun.Outside)) {
                wanted.put(job.name(), new Recurrence<>(job.schedule().get(), new Slot(job.name())));
            }
            if (job.run() instanceof JobRun.Outside) {
                store.state(job.name(), clock.instant(), job.schedule().map(schedule -> schedule.next(clock.instant())));
            }
            gauge(job.name());
        }
        tasks.get().reconcile(SLOT, wanted);
    }

    private void gauge(String job)
    {
        if (gauged.add(job)) {
            Gauge.builder("deckhand.job.last.success.timestamp.seconds", () -> lastSuccess(job))
                    .description("When the job last succeeded, in seconds since the epoch (NaN before its first success)")
                    .tag(JobRuns.JOB_TAG, job).register(metrics);
        }
    }

    /** Read for every job at once, at most every few seconds: a scrape asks each job's gauge in turn. */
    private double lastSuccess(String job)
    {
        java.time.Instant now = clock.instant();
        LastSuccesses read = lastSuccesses;
        if (read == null || read.at().plus(GAUGE_FRESH).isBefore(now)) {
            try {
                Map<String, Double> values = new java.util.HashMap<>();
                store.states().forEach(state -> state.lastSuccess().ifPresent(at -> values.put(state.job(), at.toEpochMilli() / 1000.0)));
                read = new LastSuccesses(now, values);
                lastSuccesses = read;
            }
            catch (RuntimeException e) {
                return Double.NaN;
            }
        }
        return read.values().getOrDefault(job, Double.NaN);
    }

    private record LastSuccesses(java.time.Instant at, Map<String, Double> values) {}

    /** {@link #next} of every scheduled job, in two reads. */
    Map<String, java.time.Instant> nexts()
    {
        Map<String, java.time.Instant> nexts = new java.util.HashMap<>(tasks.get().dues(SLOT));
        JobsConfig jobs = config.current().section(JobsConfig.class);
        for (JobState state : store.states()) {
            jobs.find(state.job()).filter(job -> job.run() instanceof JobRun.Outside)
                    .ifPresent(job -> state.expectedAt().ifPresent(at -> nexts.put(job.name(), at)));
        }
        return nexts;
    }

    /** When the job runs next, as the scheduler will fire it; for an outside job, when its next start is expected. */
    Optional<java.time.Instant> next(JobDefinition job)
    {
        if (job.run() instanceof JobRun.Outside) {
            return store.find(job.name()).flatMap(JobState::expectedAt);
        }
        return tasks.get().due(SLOT, job.name());
    }
}
