package dev.deckhand.jobs;

import dev.deckhand.jobs.Ping.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * What a ping means, as healthchecks.io has it, with every concurrent run tracked: a start opens a
 * run (paired with its end by {@code rid}; a start repeating an open run's rid is that run again); a
 * success or failure ends the open run with the same rid, or is a run of its own when there is none;
 * a log adds to the open run's output; an ignored ping (Slack's link unfurler) is only kept. Each
 * start or unpaired end moves the job's expected start on.
 */
final class PingService
{
    private static final Logger log = LoggerFactory.getLogger(PingService.class);
    /** A start or end with the rid of a run that ended this recently is a client's retry, or a start that arrived after its end. */
    static final Duration REPEATS_WITHIN = Duration.ofMinutes(5);

    private final Supplier<JobsConfig> jobs;
    private final JobStore store;
    private final JobAlerts alerts;
    private final JobRuns runs;
    private final Clock clock;

    PingService(Supplier<JobsConfig> jobs, JobStore store, JobAlerts alerts, JobRuns runs, Clock clock)
    {
        this.jobs = requireNonNull(jobs, "jobs is null");
        this.store = requireNonNull(store, "store is null");
        this.alerts = requireNonNull(alerts, "alerts is null");
        this.runs = requireNonNull(runs, "runs is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** The outside job called {@code name}: only a job that runs elsewhere reports by ping (a job Deckhand runs has no ping URLs, so no one can fake its runs). */
    Optional<JobDefinition> job(String name)
    {
        return jobs.get().find(name).filter(job -> job.run() instanceof JobRun.Outside);
    }

    /** Records the ping of a known job; returns the run it started, ended or added to, if any. */
    Optional<String> receive(JobDefinition job, Ping ping)
    {
        Instant now = clock.instant();
        Optional<String> run = switch (ping.kind()) {
            case IGNORED -> Optional.empty();
            case START -> Optional.of(start(job, ping, now));
            case LOG -> log(ping);
            case SUCCESS, FAIL -> Optional.of(end(job, ping, now));
        };
        store.ping(ping, run, now);
        return run;
    }

    private String start(JobDefinition job, Ping ping, Instant now)
    {
        // The same start again (a client's retry): the run it opened, else that one could never end. Without a rid, as
        // healthchecks.io has it, a start restarts the open run's clock: the earlier start was abandoned.
        Optional<JobRunRecord> repeated = store.openPinged(job.name(), ping.rid())
                .or(() -> ping.rid().flatMap(rid -> store.endedPinged(job.name(), rid, now.minus(REPEATS_WITHIN))));
        if (repeated.isPresent()) {
            if (ping.rid().isEmpty()) {
                store.restart(repeated.get().id(), now);
            }
            if (ping.body().length > 0) {
                store.appendOutput(repeated.get().id(), text(ping), Attempt.MAX_OUTPUT);
            }
            return repeated.get().id();
        }
        String id = UUID.randomUUID().toString();
        store.insert(new JobRunRecord(id, job.name(), StartedBy.PING, Optional.empty(), Optional.empty(), ping.rid(), 1, true, now, Optional.empty(), Optional.empty(),
                OptionalInt.empty(), Optional.empty(), "", Optional.empty(), Optional.empty()), "");
        if (ping.body().length > 0) {
            store.appendOutput(id, text(ping), Attempt.MAX_OUTPUT);
        }
        expectAfter(job, now);
        return id;
    }

    private Optional<String> log(Ping ping)
    {
        Optional<JobRunRecord> open = store.openPinged(ping.job(), ping.rid());
        open.ifPresent(run -> store.appendOutput(run.id(), text(ping), Attempt.MAX_OUTPUT));
        return open.map(JobRunRecord::id);
    }

    private String end(JobDefinition job, Ping ping, Instant now)
    {
        // An end without a rid ends the newest open run, whatever its rid (healthchecks.io: it clears the start).
        Optional<JobRunRecord> open = store.openPinged(job.name(), ping.rid())
                .or(() -> ping.rid().isEmpty() ? store.newestPinged(job.name()) : Optional.empty());
        Optional<JobRunRecord> repeated = open.isEmpty() ? ping.rid().flatMap(rid -> store.endedPinged(job.name(), rid, now.minus(REPEATS_WITHIN))) : Optional.empty();
        if (repeated.isPresent()) {
            // A client's retry of an end already taken: kept as a ping, not a second run.
            return repeated.get().id();
        }
        String id = open.map(JobRunRecord::id).orElseGet(() -> UUID.randomUUID().toString());
        if (open.isEmpty()) {
            store.insert(new JobRunRecord(id, job.name(), StartedBy.PING, Optional.empty(), Optional.empty(), ping.rid(), 1, true, now, Optional.empty(),
                    Optional.empty(), OptionalInt.empty(), Optional.empty(), "", Optional.empty(), Optional.empty()), "");
            expectAfter(job, now);
        }
        Optional<Duration> duration = open.map(run -> Duration.between(run.started(), now));
        JobOutcome outcome = ping.kind() == Kind.FAIL ? JobOutcome.FAILED
                : duration.isPresent() && job.minRuntime().filter(min -> duration.get().compareTo(min) < 0).isPresent() ? JobOutcome.TOO_FAST
                : JobOutcome.SUCCEEDED;
        String before = store.output(id).orElse("");
        String output = before.isEmpty() ? text(ping) : ping.body().length == 0 ? before : before + "\n" + text(ping);
        String tail = String.join("\n", Attempt.tailOf(output));
        if (!store.finish(id, new RunEnding(now, outcome, ping.exitCode(), duration, tail, Optional.of(Attempt.bounded(output)), output.length() > Attempt.MAX_OUTPUT))) {
            return id;
        }
        runs.count(job, outcome);
        duration.ifPresent(took -> runs.timed(job, took));
        log.debug("job {} reported {} by ping", job.name(), outcome.tag());
        alerts.ended(job, store.run(id).orElseThrow());
        return id;
    }

    /** The next start is expected from the schedule after this report (for an outside job; Deckhand's own jobs follow their scheduler). */
    private void expectAfter(JobDefinition job, Instant at)
    {
        if (job.schedule().isEmpty() || !(job.run() instanceof JobRun.Outside)) {
            return;
        }
        Instant expected = Expectations.after(job.schedule().get(), at);
        while (true) {
            JobState state = store.state(job.name(), at, Optional.of(expected));
            if (state.expectedAt().filter(current -> !current.isBefore(expected)).isPresent()) {
                return;
            }
            if (store.replace(state, state.withExpectedAt(Optional.of(expected)))) {
                return;
            }
        }
    }

    private static String text(Ping ping)
    {
        return new String(ping.body(), StandardCharsets.UTF_8);
    }
}
