package dev.deckhand.jobs;

import dev.deckhand.chat.Chat;
import dev.deckhand.jobs.JobDefinition.CatchUp;
import dev.deckhand.tasks.Schedule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** What a slot the scheduler fires becomes: the run for it on time, or after Deckhand's downtime one catch-up run (or one "missed while down" post). */
final class JobSlots
{
    private static final Logger log = LoggerFactory.getLogger(JobSlots.class);
    private static final int MAX_STEPS = 10_000;

    private final JobRuns runs;
    private final JobStore store;
    private final JobAlerts alerts;
    private final Chat chat;
    private final Clock clock;

    JobSlots(JobRuns runs, JobStore store, JobAlerts alerts, Chat chat, Clock clock)
    {
        this.runs = requireNonNull(runs, "runs is null");
        this.store = requireNonNull(store, "store is null");
        this.alerts = requireNonNull(alerts, "alerts is null");
        this.chat = requireNonNull(chat, "chat is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * The schedule made the job due at {@code due}. On time, it runs quietly for that slot. Later than
     * {@code due + grace} (Deckhand, or its scheduler, was not running), the slots since collapse into
     * one catch-up run for the latest of them, announced as such; or into one "missed while Deckhand was
     * down" message under {@code catchUp: skip}.
     */
    void fire(String name, Instant due)
    {
        Optional<JobDefinition> found = runs.job(name).filter(job -> job.schedule().isPresent());
        if (found.isEmpty()) {
            log.info("job {} fired at {} but is no longer scheduled in the config: nothing runs", name, due);
            return;
        }
        JobDefinition job = found.get();
        Instant now = clock.instant();
        if (store.state(job.name(), now, Optional.empty()).paused()) {
            log.info("job {} is paused: its {} run does not start", job.name(), due);
            return;
        }
        if (!now.isAfter(due.plus(job.grace()))) {
            if (store.ranFor(job.name(), due)) {
                // The scheduler fires a slot again when the replica that took it died: it ran (and ended, or is ending, as interrupted) once.
                log.info("job {}: the {} slot already had its run; it is not started twice", job.name(), due);
                return;
            }
            runs.start(job, StartedBy.SCHEDULE, Optional.empty(), Optional.of(due), Optional.empty(), "");
            return;
        }
        Schedule schedule = job.schedule().get();
        Instant slot = latestAtOrBefore(schedule, due, now);
        if (store.ranFor(job.name(), slot)) {
            log.info("job {}: the {} slot already had its catch-up run; it is not started twice", job.name(), slot);
            return;
        }
        long slots = slotsBetween(schedule, due, now);
        boolean alerted = store.missed(job.name(), due);
        if (job.catchUp() == CatchUp.SKIP) {
            if (!alerted) {
                // The scheduler's next is the one after the latest slot (Slots.afterRun): for "every", not now + period.
                chat.post(alerts.channel(job), runs.views().missedWhileDown(job, due, now, slots, schedule.next(slot)));
            }
            log.info("job {} missed {} slot(s) from {} while Deckhand was not running; catchUp is skip", job.name(), slots, due);
            return;
        }
        String note = alerted ? "\n" + runs.views().text().get("catch.up.slot", "slot", JobViews.when(slot, job.zone())) : runs.views().catchUpNote(job, slot, due, now);
        runs.start(job, StartedBy.CATCH_UP, Optional.empty(), Optional.of(slot), Optional.of(alerts.channel(job)), note);
    }

    static Instant latestAtOrBefore(Schedule schedule, Instant from, Instant time)
    {
        Instant slot = from;
        for (int step = 0; step < MAX_STEPS; step++) {
            Instant next = schedule.next(slot);
            if (next.isAfter(time)) {
                return slot;
            }
            slot = next;
        }
        return slot;
    }

    static long slotsBetween(Schedule schedule, Instant from, Instant time)
    {
        long count = 1;
        for (Instant slot = schedule.next(from); !slot.isAfter(time) && count < MAX_STEPS; slot = schedule.next(slot)) {
            count++;
        }
        return count;
    }

}
