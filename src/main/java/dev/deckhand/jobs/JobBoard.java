package dev.deckhand.jobs;

import dev.deckhand.text.Text;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * What {@code /jobs} and the App Home show: every job with a status mark, its last run (when,
 * outcome, duration), its next run as the scheduler will fire it (in the job's zone), paused or not;
 * and one job in detail, with its last 10 runs and its ping URLs.
 */
final class JobBoard
{
    static final int RUNS_SHOWN = 10;
    private static final DateTimeFormatter ABBREVIATION = DateTimeFormatter.ofPattern("zzz", Locale.ROOT);

    private final JobsService service;
    private final JobStore store;
    private final JobSchedules schedules;
    private final JobViews views;

    JobBoard(JobsService service, JobStore store, JobSchedules schedules, JobViews views)
    {
        this.service = requireNonNull(service, "service is null");
        this.store = requireNonNull(store, "store is null");
        this.schedules = requireNonNull(schedules, "schedules is null");
        this.views = requireNonNull(views, "views is null");
    }

    /** One line per job, in the config's order; empty when there are no jobs. */
    List<String> lines()
    {
        Text text = views.text();
        List<String> lines = new ArrayList<>();
        Map<String, JobState> states = store.states().stream().collect(Collectors.toMap(JobState::job, state -> state));
        Map<String, JobRunRecord> lastRuns = store.lastEnded();
        Map<String, Instant> nexts = schedules.nexts();
        for (JobDefinition job : service.config().jobs()) {
            Optional<JobState> state = Optional.ofNullable(states.get(job.name()));
            String last = Optional.ofNullable(lastRuns.get(job.name())).map(run -> text.get("board.last", "outcome", views.outcome(job, run), "when", JobViews.when(run.ended().orElseThrow(), job.zone()),
                    "took", views.took(run.duration().orElse(Duration.ZERO)))).orElse(text.get("board.last.none"));
            String paused = state.flatMap(JobState::pause).map(pause -> text.get("board.paused", "user", pause.by(), "reason", pause.reason().isBlank() ? text.get("reason.none") : pause.reason()))
                    .orElse("");
            lines.add(text.get("board.line", "mark", mark(state), "job", job.name(), "last", last, "next", next(job, Optional.ofNullable(nexts.get(job.name()))),
                    "paused", paused));
        }
        return lines;
    }

    String list()
    {
        List<String> lines = lines();
        if (lines.isEmpty()) {
            return views.text().get("no.jobs");
        }
        return views.text().get("board.title") + "\n" + String.join("\n", lines);
    }

    String detail(String name)
    {
        JobDefinition job = service.job(name);
        Text text = views.text();
        Optional<JobState> state = store.find(job.name());
        List<String> lines = new ArrayList<>();
        String schedule = job.shown().map(shown -> text.get("detail.schedule", "schedule", shown, "zone", job.zone().getId())).orElse(text.get("detail.schedule.none"));
        lines.add(text.get("detail.title", "mark", mark(state), "job", job.name(), "kind", kind(job), "schedule", schedule));
        lines.add(text.get("board.line", "mark", "", "job", job.name(), "last", store.lastEnded(job.name()).map(run -> views.outcome(job, run)).orElse(text.get("board.last.none")),
                "next", next(job, schedules.next(job)), "paused", state.flatMap(JobState::pause).map(pause -> text.get("board.paused", "user", pause.by(), "reason", pause.reason())).orElse("")).strip());
        lines.add(text.get("detail.limits", "grace", views.took(job.grace()), "timeout", job.timeout().map(views::took).orElse(text.get("none")),
                "overlap", job.overlap().name().toLowerCase(java.util.Locale.ROOT), "catchUp", job.catchUp().name().toLowerCase(java.util.Locale.ROOT)));
        state.filter(current -> current.health() == JobState.Health.DOWN).ifPresent(down -> lines.add(text.get("detail.down",
                "since", JobViews.when(down.downSince().orElse(down.firstSeen()), job.zone()), "failed", down.downFailed(), "missed", down.downMissed())));
        List<JobRunRecord> runs = store.runs(job.name(), RUNS_SHOWN);
        lines.add(runs.isEmpty() ? text.get("detail.runs.none") : text.get("detail.runs"));
        for (JobRunRecord run : runs) {
            lines.add(text.get("detail.run", "mark", run.outcome().map(JobViews::mark).orElse(":hourglass_flowing_sand:"), "when", JobViews.when(run.started(), job.zone()),
                    "outcome", run.outcome().isPresent() ? views.outcome(job, run) : text.get("outcome.running"), "took",
                    run.duration().map(views::took).orElse(text.get("none")), "who", views.who(run)));
        }
        if (job.run() instanceof JobRun.Outside) {
            lines.add(text.get("detail.pings", "job", job.name(), "token", job.pingToken().isPresent() ? text.get("detail.pings.token") : ""));
        }
        if (job.triggerToken().isPresent()) {
            lines.add(text.get("detail.trigger", "job", job.name()));
        }
        return String.join("\n", lines);
    }

    private String next(JobDefinition job, Optional<Instant> next)
    {
        Text text = views.text();
        if (job.schedule().isEmpty()) {
            return text.get("board.next.none");
        }
        Optional<String> when = next.map(at -> shown(at, job.zone()));
        if (job.run() instanceof JobRun.Outside) {
            return when.map(at -> text.get("board.next.outside", "when", at)).orElse(text.get("none"));
        }
        return when.orElse(text.get("none"));
    }

    /** A time on the board, with its zone; in an hour the clocks show twice, with which of the two (EDT or EST) too. */
    static String shown(Instant at, ZoneId zone)
    {
        ZonedDateTime local = at.atZone(zone);
        boolean twice = zone.getRules().getValidOffsets(local.toLocalDateTime()).size() > 1;
        return JobViews.when(at, zone) + (twice ? " " + ABBREVIATION.format(local) : "") + " " + zone.getId();
    }

    private String kind(JobDefinition job)
    {
        Text text = views.text();
        JobRun run = job.run();
        if (run instanceof JobRun.Script script) {
            return text.get("detail.kind.script", "script", script.script());
        }
        if (run instanceof JobRun.Ssm ssm) {
            return text.get("detail.kind.ssm", "document", ssm.document());
        }
        if (run instanceof JobRun.Http http) {
            return text.get("detail.kind.http", "method", http.method(), "url", http.url());
        }
        return text.get("detail.kind.outside");
    }

    static String mark(Optional<JobState> state)
    {
        if (state.isEmpty()) {
            return ":white_circle:";
        }
        if (state.get().paused()) {
            return ":double_vertical_bar:";
        }
        return switch (state.get().health()) {
            case NEW -> ":white_circle:";
            case UP -> ":large_green_circle:";
            case DOWN -> ":red_circle:";
        };
    }
}
