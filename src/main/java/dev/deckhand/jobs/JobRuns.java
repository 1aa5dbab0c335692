package dev.deckhand.jobs;

import dev.deckhand.chat.Chat;
import dev.deckhand.chat.MessageRef;
import dev.deckhand.config.ConfigHolder;
import dev.deckhand.jobs.JobDefinition.Overlap;
import dev.deckhand.tasks.DurableTasks;
import dev.deckhand.tasks.Next;
import dev.deckhand.tasks.TaskDefinition;
import dev.deckhand.tasks.TaskKey;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Provider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static java.util.Objects.requireNonNull;

/**
 * Starts, runs and ends the runs of jobs Deckhand runs itself. A slot's run is recorded before it
 * starts; under {@code overlap: forbid} the job is held by one run at a time and a run due meanwhile
 * is recorded as skipped and reported. Attempts run on their own threads (never the scheduler's);
 * a failed attempt with retries left is tried again through a durable task, and only the last
 * attempt's end reaches {@link JobAlerts}.
 */
final class JobRuns
{
    static final TaskKey<String> RETRY = TaskKey.of("job-retry", String.class);
    /** The metrics' label for the job: not {@code job}, which Prometheus gives the scrape target (and renames ours to {@code exported_job}). */
    static final String JOB_TAG = "job_name";
    private static final Logger log = LoggerFactory.getLogger(JobRuns.class);
    private static final Duration TICK = Duration.ofSeconds(2);
    private static final int LIVE_LINES = 15;

    private final ConfigHolder config;
    private final JobStore store;
    private final JobExecutor executor;
    private final JobAlerts alerts;
    private final JobViews views;
    private final Chat chat;
    private final Provider<DurableTasks> tasks;
    private final ExecutorService attempts;
    private final ScheduledExecutorService ticker;
    private final MeterRegistry metrics;
    private final Clock clock;
    private final String instance;

    JobRuns(ConfigHolder config, JobStore store, JobExecutor executor, JobAlerts alerts, JobViews views, Chat chat, Provider<DurableTasks> tasks,
            ExecutorService attempts, ScheduledExecutorService ticker, MeterRegistry metrics, Clock clock, String instance)
    {
        this.config = requireNonNull(config, "config is null");
        this.store = requireNonNull(store, "store is null");
        this.executor = requireNonNull(executor, "executor is null");
        this.alerts = requireNonNull(alerts, "alerts is null");
        this.views = requireNonNull(views, "views is null");
        this.chat = requireNonNull(chat, "chat is null");
        this.tasks = requireNonNull(tasks, "tasks is null");
        this.attempts = requireNonNull(attempts, "attempts is null");
        this.ticker = requireNonNull(ticker, "ticker is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.instance = requireNonNull(instance, "instance is null");
    }

    JobViews views()
    {
        return views;
    }

    Optional<JobDefinition> job(String name)
    {
        return config.current().section(JobsConfig.class).find(name);
    }

    /**
     * Starts a run now, for a person ({@code requester}, watched live in {@code channel}) or an HTTP
     * trigger. Returns the run's id; under {@code overlap: forbid} throws {@link Busy} naming the run going on.
     */
    String startNow(JobDefinition job, StartedBy startedBy, Optional<String> requester, Optional<String> channel)
    {
        if (job.run() instanceof JobRun.Outside) {
            throw new IllegalArgumentException("job " + job.name() + " runs elsewhere");
        }
        Started started = start(job, startedBy, requester, Optional.empty(), channel, "");
        if (started.skippedFor().isPresent()) {
            throw new Busy(started.skippedFor().get());
        }
        return started.run();
    }

    /** Records a run and starts its first attempt; under {@code overlap: forbid} with the job held, a scheduled one is recorded as skipped instead. */
    Started start(JobDefinition job, StartedBy startedBy, Optional<String> requester, Optional<Instant> slot, Optional<String> channel, String note)
    {
        Instant now = clock.instant();
        store.state(job.name(), now, Optional.empty());
        String id = UUID.randomUUID().toString();
        if (job.overlap() == Overlap.FORBID && !store.hold(job.name(), id)) {
            String holder = store.find(job.name()).flatMap(JobState::runningRun).orElse("?");
            if (startedBy == StartedBy.SCHEDULE || startedBy == StartedBy.CATCH_UP) {
                skip(job, startedBy, slot, now, holder);
            }
            return new Started(id, Optional.of(holder));
        }
        JobRunRecord run = new JobRunRecord(id, job.name(), startedBy, requester, slot, Optional.empty(), 1, true, now, Optional.empty(), Optional.empty(),
                OptionalInt.empty(), Optional.empty(), "", channel, Optional.empty());
        try {
            store.insert(run, instance);
            attempts.execute(() -> attempt(job, run, note));
        }
        catch (RuntimeException e) {
            store.release(job.name(), id);
            throw e;
        }
        log.info("job {} run {} started by {}{}", job.name(), id, startedBy.tag(), slot.map(at -> " for " + at).orElse(""));
        return new Started(id, Optional.empty());
    }

    private void skip(JobDefinition job, StartedBy startedBy, Optional<Instant> slot, Instant now, String holder)
    {
        JobRunRecord skipped = new JobRunRecord(UUID.randomUUID().toString(), job.name(), startedBy, Optional.empty(), slot, Optional.empty(), 1, false, now,
                Optional.of(now), Optional.of(JobOutcome.SKIPPED), OptionalInt.empty(), Optional.of(Duration.ZERO),
                views.text().get("skipped.tail", "run", holder), Optional.empty(), Optional.empty());
        store.insert(skipped, instance);
        count(job, JobOutcome.SKIPPED);
        log.info("job {}: the {} run is skipped, run {} is still going (overlap: forbid)", job.name(), slot.orElse(now), holder);
        alerts.ended(job, skipped);
    }

    /** Runs one attempt of a running run on this thread, then ends it or schedules its retry. */
    private void attempt(JobDefinition job, JobRunRecord run, String note)
    {
        try {
            Optional<MessageRef> message = watched(job, run, note);
            Deque<String> lines = new ConcurrentLinkedDeque<>();
            AtomicReference<List<String>> shown = new AtomicReference<>(List.of());
            ScheduledFuture<?> live = message.map(ref -> ticker.scheduleAtFixedRate(() -> live(job, run, ref, lines, shown, note), TICK.toMillis(), TICK.toMillis(),
                    TimeUnit.MILLISECONDS)).orElse(null);
            Attempt attempt;
            try {
                attempt = judged(job, executor.run(job, run.id(), line -> remember(lines, line)));
            }
            finally {
                if (live != null) {
                    live.cancel(false);
                }
            }
            if (attempt.outcome().failure() && attempt.outcome() != JobOutcome.INTERRUPTED && run.attempt() <= job.retries().count()) {
                retryLater(job, run, attempt, message);
                return;
            }
            end(job, run, attempt, message, note);
        }
        catch (RuntimeException | Error e) {
            log.error("job {} run {} failed in Deckhand", job.name(), run.id(), e);
            end(job, run, Attempt.notStarted("Deckhand failed running it: " + e), Optional.empty(), note);
        }
    }

    /** A success faster than {@code minRuntime} is a failure: the "finished suspiciously fast" case. */
    private static Attempt judged(JobDefinition job, Attempt attempt)
    {
        if (attempt.outcome() == JobOutcome.SUCCEEDED && job.minRuntime().filter(min -> attempt.duration().compareTo(min) < 0).isPresent()) {
            return attempt.withOutcome(JobOutcome.TOO_FAST);
        }
        return attempt;
    }

    private Optional<MessageRef> watched(JobDefinition job, JobRunRecord run, String note)
    {
        if (run.channel().isEmpty()) {
            return Optional.empty();
        }
        if (run.attempt() > 1) {
            return store.run(run.id()).flatMap(JobRunRecord::message);
        }
        MessageRef message = chat.post(run.channel().get(), views.running(job, run, List.of(), note));
        store.message(run.id(), message);
        return Optional.of(message);
    }

    /** Edits the watched run's message when its output moved on since the last edit (a quiet run is not edited every tick). */
    private void live(JobDefinition job, JobRunRecord run, MessageRef message, Deque<String> lines, AtomicReference<List<String>> shown, String note)
    {
        List<String> now = List.copyOf(lines);
        if (now.equals(shown.getAndSet(now))) {
            return;
        }
        try {
            chat.update(message, views.running(job, run, now, note));
        }
        catch (RuntimeException e) {
            log.warn("could not update the message of job {} run {}: {}", job.name(), run.id(), e.getMessage());
        }
    }

    private static void remember(Deque<String> lines, String line)
    {
        lines.addLast(line);
        while (lines.size() > LIVE_LINES) {
            lines.pollFirst();
        }
    }

    private void retryLater(JobDefinition job, JobRunRecord run, Attempt attempt, Optional<MessageRef> message)
    {
        Instant at = clock.instant().plus(job.retries().delay());
        log.info("job {} run {} attempt {} {}; attempt {} at {}", job.name(), run.id(), run.attempt(), attempt.outcome().tag(), run.attempt() + 1, at);
        message.ifPresent(ref -> chat.update(ref, views.running(job, run, Attempt.tailOf(attempt.output()),
                "\n" + views.text().get("run.retrying", "attempt", run.attempt(), "outcome", attempt.outcome().tag(), "next", JobViews.when(at, job.zone())))));
        tasks.get().schedule(RETRY, run.id() + "-" + (run.attempt() + 1), at, run.id());
    }

    /** The durable retry: the run's next attempt, unless the run ended (the watch found it interrupted) or its job left the config. */
    TaskDefinition retryTask()
    {
        return TaskDefinition.oneTime(RETRY, (id, runId) -> {
            Optional<JobRunRecord> found = store.run(runId).filter(JobRunRecord::running);
            if (found.isEmpty()) {
                return Next.finish();
            }
            JobRunRecord run = found.get();
            Optional<JobDefinition> job = job(run.job());
            JobRunRecord next = new JobRunRecord(run.id(), run.job(), run.startedBy(), run.requester(), run.slot(), run.rid(), run.attempt() + 1, true, run.started(),
                    Optional.empty(), Optional.empty(), OptionalInt.empty(), Optional.empty(), "", run.channel(), run.message());
            store.attempt(run.id(), next.attempt(), instance);
            if (job.isEmpty()) {
                endOrphan(run);
                return Next.finish();
            }
            attempts.execute(() -> attempt(job.get(), next, ""));
            return Next.finish();
        });
    }

    private void endOrphan(JobRunRecord run)
    {
        String reason = views.text().get("run.job.gone", "job", run.job());
        store.finish(run.id(), new RunEnding(clock.instant(), JobOutcome.FAILED, OptionalInt.empty(), Optional.of(Duration.between(run.started(), clock.instant())),
                reason, Optional.of(reason), false));
        store.release(run.job(), run.id());
    }

    private void end(JobDefinition job, JobRunRecord run, Attempt attempt, Optional<MessageRef> message, String note)
    {
        Instant ended = clock.instant();
        Duration duration = Duration.between(run.started(), ended);
        String tail = String.join("\n", attempt.tail());
        boolean first = store.finish(run.id(), new RunEnding(ended, attempt.outcome(), attempt.code(), Optional.of(attempt.duration()), tail,
                Optional.of(attempt.output()), attempt.truncated()));
        store.release(job.name(), run.id());
        if (!first) {
            log.info("job {} run {} had already ended (interrupted?): its late end is dropped", job.name(), run.id());
            return;
        }
        JobRunRecord endedRun = store.run(run.id()).orElseThrow();
        count(job, attempt.outcome());
        timed(job, duration);
        message.ifPresent(ref -> chat.update(ref, views.finished(job, endedRun, note)));
        log.info("job {} run {} {} after {} attempt(s)", job.name(), run.id(), attempt.outcome().tag(), run.attempt());
        alerts.ended(job, endedRun);
    }

    /** How long a run took, for Deckhand's own runs and for runs reported by a start and an end. */
    void timed(JobDefinition job, Duration duration)
    {
        Timer.builder("deckhand.job.run.duration").description("How long job runs took, by job").tag(JOB_TAG, job.name()).register(metrics).record(duration);
    }

    void count(JobDefinition job, JobOutcome outcome)
    {
        Counter.builder("deckhand.job.runs").description("Job runs by job and outcome").tag(JobRuns.JOB_TAG, job.name()).tag("outcome", outcome.tag()).register(metrics).increment();
    }

    /** The run started, or (under {@code overlap: forbid}) the run that held the job. */
    record Started(String run, Optional<String> skippedFor) {}

    /** A run is going and the job forbids overlap. */
    static final class Busy
            extends RuntimeException
    {
        private final String running;

        Busy(String running)
        {
            super("run " + running + " is still going");
            this.running = running;
        }

        String running()
        {
            return running;
        }
    }
}
