package dev.deckhand.jobs;

import dev.deckhand.chat.Chat;
import dev.deckhand.chat.Message;
import dev.deckhand.chat.MessageRef;
import dev.deckhand.config.ConfigHolder;
import dev.deckhand.jobs.JobHealth.Notice;
import dev.deckhand.jobs.JobHealth.Step;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Tells a job's channel what a run's end means ({@link JobHealth}): one alert per outage, edited as it
 * goes on with each further failing run's details in its thread, one recovery, skips, and successes
 * for jobs that asked. The state changes by compare and
 * set, so two replicas ending runs of one job at once cannot both open an outage.
 */
final class JobAlerts
{
    private static final Logger log = LoggerFactory.getLogger(JobAlerts.class);

    private final ConfigHolder config;
    private final JobStore store;
    private final JobSuccessNotes successes;
    private final Chat chat;
    private final JobViews views;
    private final MeterRegistry metrics;
    private final Clock clock;
    private final Runnable changed;

    JobAlerts(ConfigHolder config, JobStore store, JobSuccessNotes successes, Chat chat, JobViews views, MeterRegistry metrics, Clock clock, Runnable changed)
    {
        this.config = requireNonNull(config, "config is null");
        this.store = requireNonNull(store, "store is null");
        this.successes = requireNonNull(successes, "successes is null");
        this.chat = requireNonNull(chat, "chat is null");
        this.views = requireNonNull(views, "views is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.changed = requireNonNull(changed, "changed is null");
    }

    String channel(JobDefinition job)
    {
        return job.channel().or(() -> config.current().defaultChannel()).orElse("#general");
    }

    /** The run has ended (it is stored so): moves the job's health and tells the channel. */
    void ended(JobDefinition job, JobRunRecord run)
    {
        while (true) {
            JobState state = store.state(job.name(), clock.instant(), Optional.empty());
            Step step = JobHealth.after(job, state, run);
            if (step.notice() == Notice.SKIP || step.notice() == Notice.NONE && step.state().equals(state) || store.replace(state, step.state())) {
                tell(job, state, step, run);
                changed.run();
                return;
            }
        }
    }

    private void tell(JobDefinition job, JobState before, Step step, JobRunRecord run)
    {
        switch (step.notice()) {
            case NONE -> { }
            case OPEN -> open(job, step.state(), run);
            case EDIT -> {
                Optional<MessageRef> alert = store.find(job.name()).flatMap(JobState::alert);
                if (alert.isPresent()) {
                    chat.update(alert.get(), views.alert(job, step.state(), run));
                    chat.reply(alert.get(), views.detail(job, run));
                }
                else {
                    open(job, step.state(), run);
                }
            }
            case REOPEN -> reopen(job, step.state(), run);
            case RECOVER -> recover(job, before);
            case SUCCESS -> success(job, run);
            case SKIP -> {
                // While an outage is open the skip is one of its details; otherwise the channel hears it.
                Message skipped = views.skipped(job, run, before.runningRun().orElse("?"));
                if (before.alert().isPresent()) {
                    chat.reply(before.alert().get(), skipped);
                }
                else {
                    chat.post(channel(job), skipped);
                }
            }
        }
    }

    /** Quietly: one message per day, edited with each success, not a post per run. */
    private void success(JobDefinition job, JobRunRecord run)
    {
        LocalDate day = run.ended().orElse(run.started()).atZone(job.zone()).toLocalDate();
        Optional<JobSuccessNotes.Note> note = successes.count(job.name(), day);
        if (note.isPresent()) {
            chat.update(note.get().message(), views.successes(job, run, note.get().successes()));
            return;
        }
        successes.start(job.name(), day, chat.post(channel(job), views.successes(job, run, 1)));
    }

    private void open(JobDefinition job, JobState down, JobRunRecord run)
    {
        MessageRef alert = chat.post(channel(job), views.alert(job, down, run));
        store.alert(job.name(), alert);
        counter(job, "opened").increment();
        log.info("job {} is down: {}", job.name(), run.outcome().map(JobOutcome::tag).orElse("?"));
    }

    /** Failing again soon after recovering: the same message says so, and the run's details go in its thread. */
    private void reopen(JobDefinition job, JobState down, JobRunRecord run)
    {
        MessageRef alert = down.alert().orElseThrow();
        chat.update(alert, views.alert(job, down, run));
        chat.reply(alert, views.detail(job, run));
        counter(job, "reopened").increment();
        log.info("job {} is down again ({} flaps within {} of a recovery)", job.name(), down.flaps(), JobHealth.FLAP_WINDOW);
    }

    /** The alert says it is over; the channel hears it once per flapping spell, not at each flip. */
    private void recover(JobDefinition job, JobState outage)
    {
        Instant now = clock.instant();
        outage.alert().ifPresent(alert -> chat.update(alert, views.recovered(job, outage, now)));
        if (outage.alert().isPresent() && outage.flaps() == 0 && job.notifications().contains(JobDefinition.Notify.RECOVERY)) {
            chat.post(outage.alert().get().channel(), views.recoveryNote(job, outage, now));
            counter(job, "recovered").increment();
        }
        log.info("job {} recovered", job.name());
    }

    private Counter counter(JobDefinition job, String kind)
    {
        return Counter.builder("deckhand.job.alerts").description("Job alerts sent, by job and kind (opened, reopened, recovered)")
                .tag(JobRuns.JOB_TAG, job.name()).tag("kind", kind).register(metrics);
    }
}
