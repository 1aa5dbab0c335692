package dev.deckhand.jobs;

import dev.deckhand.access.AccessPolicy;
import dev.deckhand.chat.Conversation;
import dev.deckhand.errors.AccessDenied;
import dev.deckhand.errors.UserError;
import dev.deckhand.jobs.JobState.Pause;
import dev.deckhand.text.Text;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/** What people and callers do to jobs: run one now, trigger it over HTTP, pause and resume it. */
final class JobsService
{
    private static final Logger log = LoggerFactory.getLogger(JobsService.class);

    private final Supplier<JobsConfig> jobs;
    private final JobStore store;
    private final JobRuns runs;
    private final AccessPolicy access;
    private final JobViews views;
    private final Clock clock;
    private final Runnable changed;

    JobsService(Supplier<JobsConfig> jobs, JobStore store, JobRuns runs, AccessPolicy access, JobViews views, Clock clock, Runnable changed)
    {
        this.jobs = requireNonNull(jobs, "jobs is null");
        this.store = requireNonNull(store, "store is null");
        this.runs = requireNonNull(runs, "runs is null");
        this.access = requireNonNull(access, "access is null");
        this.views = requireNonNull(views, "views is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.changed = requireNonNull(changed, "changed is null");
    }

    JobsConfig config()
    {
        return jobs.get();
    }

    JobDefinition job(String name)
    {
        return jobs.get().find(name).orElseThrow(() -> new UserError(jobs.get().jobs().isEmpty() ? text().get("no.jobs")
                : text().get("unknown.job", "job", name, "names", String.join(", ", jobs.get().names()))));
    }

    /** {@code /jobs run} and Re-run: the run is watched live in the channel it was asked from. */
    String run(String name, Conversation conversation)
    {
        JobDefinition job = allowed(name, conversation);
        if (job.run() instanceof JobRun.Outside) {
            throw new UserError(text().get("run.outside", "job", job.name()));
        }
        try {
            String run = runs.startNow(job, StartedBy.PERSON, Optional.of(conversation.userId()), Optional.of(conversation.channelId()));
            log.info("job {} run {} started by {}", job.name(), run, conversation.userId());
            return text().get("run.started", "job", job.name());
        }
        catch (JobRuns.Busy e) {
            throw new UserError(text().get("run.busy", "job", job.name(), "run", shortId(e.running())));
        }
    }

    /** {@code POST /jobs/{job}/trigger}: the run's id. */
    String trigger(JobDefinition job)
    {
        return runs.startNow(job, StartedBy.TRIGGER, Optional.empty(), Optional.empty());
    }

    String pause(String name, Conversation conversation, String reason)
    {
        JobDefinition job = allowed(name, conversation);
        Instant now = clock.instant();
        while (true) {
            JobState state = store.state(job.name(), now, Optional.empty());
            if (state.paused()) {
                Pause pause = state.pause().get();
                return text().get("pause.already", "job", job.name(), "user", pause.by(), "when", JobViews.when(pause.at(), job.zone()), "reason", reason(pause.reason()));
            }
            if (store.replace(state, paused(state, Optional.of(new Pause(conversation.userId(), reason, now)), state.expectedAt()))) {
                changed.run();
                log.info("job {} paused by {}: {}", job.name(), conversation.userId(), reason);
                return text().get("pause.done", "job", job.name(), "user", conversation.userId(), "reason", reason(reason));
            }
        }
    }

    String resume(String name, Conversation conversation)
    {
        JobDefinition job = allowed(name, conversation);
        Instant now = clock.instant();
        while (true) {
            JobState state = store.state(job.name(), now, Optional.empty());
            if (!state.paused()) {
                return text().get("resume.none", "job", job.name());
            }
            // An outside job's next start is expected from now: the pings it missed while paused were not asked for.
            Optional<Instant> expected = job.run() instanceof JobRun.Outside ? job.schedule().map(schedule -> schedule.next(now)) : state.expectedAt();
            if (store.replace(state, paused(state, Optional.empty(), expected))) {
                changed.run();
                log.info("job {} resumed by {}", job.name(), conversation.userId());
                return text().get("resume.done", "job", job.name(), "user", conversation.userId());
            }
        }
    }

    private static JobState paused(JobState state, Optional<Pause> pause, Optional<Instant> expected)
    {
        return state.withPause(pause).withExpectedAt(expected);
    }

    private JobDefinition allowed(String name, Conversation conversation)
    {
        JobDefinition job = job(name);
        Optional<String> refusal = access.refusal(conversation, job.allow(), java.util.List.of());
        if (refusal.isPresent()) {
            throw new AccessDenied(text().get("refused", "job", job.name(), "reason", refusal.get()));
        }
        return job;
    }

    private String reason(String reason)
    {
        return reason.isBlank() ? text().get("reason.none") : reason;
    }

    static String shortId(String run)
    {
        return run.substring(0, Math.min(8, run.length()));
    }

    private Text text()
    {
        return views.text();
    }
}
