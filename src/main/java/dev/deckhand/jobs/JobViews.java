package dev.deckhand.jobs;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.BlockElements;
import dev.deckhand.chat.Message;
import dev.deckhand.text.Durations;
import dev.deckhand.text.Text;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static java.util.Objects.requireNonNull;

/** The messages a job's channel sees: its live runs, its alert (opened, edited, recovered), skips, catch-ups and successes. */
final class JobViews
{
    static final String RERUN = "jobs.rerun";
    static final String LOG = "jobs.log";
    static final String PAUSE = "jobs.pause";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm");
    private static final int TAIL_SHOWN = 15;
    private static final int TAIL_CHARACTERS = 2_500;

    private final JobsMessages messages;

    JobViews(JobsMessages messages)
    {
        this.messages = requireNonNull(messages, "messages is null");
    }

    Text text()
    {
        return messages.text();
    }

    static String when(Instant at, ZoneId zone)
    {
        return TIME.format(at.atZone(zone));
    }

    String took(Duration duration)
    {
        return Durations.format(duration, text());
    }

    String who(JobRunRecord run)
    {
        return switch (run.startedBy()) {
            case PERSON -> "<@" + run.requester().orElse("?") + ">";
            case SCHEDULE, CATCH_UP, TRIGGER, PING, WATCH -> text().get("by." + run.startedBy().tag());
        };
    }

    String outcome(JobDefinition job, JobRunRecord run)
    {
        JobOutcome outcome = run.outcome().orElseThrow();
        String code = run.code().isPresent() ? text().get(job.run() instanceof JobRun.Http ? "code.http" : "code.exit", "code", run.code().getAsInt()) : "";
        String words = switch (outcome) {
            case TOO_FAST -> text().get("outcome.too_fast", "min", job.minRuntime().map(this::took).orElse("?"));
            case SUCCEEDED, FAILED, TIMED_OUT, SKIPPED, MISSED, INTERRUPTED -> text().get("outcome." + outcome.tag());
        };
        return words + code;
    }

    static String mark(JobOutcome outcome)
    {
        return switch (outcome) {
            case SUCCEEDED -> ":white_check_mark:";
            case FAILED, TOO_FAST -> ":x:";
            case TIMED_OUT -> ":alarm_clock:";
            case SKIPPED -> ":fast_forward:";
            case MISSED -> ":ghost:";
            case INTERRUPTED -> ":octagonal_sign:";
        };
    }

    /** A run the channel watches (started by a person, or a catch-up): who started it, and its output so far. */
    Message running(JobDefinition job, JobRunRecord run, List<String> tail, String note)
    {
        Text text = text();
        String head = text.get("run.running", "job", job.name(), "who", who(run), "when", when(run.started(), job.zone())) + note;
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(section -> section.text(markdownText(head + block(tail)))));
        return new Message(head, blocks);
    }

    /** The end of a watched run: outcome, duration, the tail, and Show log. */
    Message finished(JobDefinition job, JobRunRecord run, String note)
    {
        Text text = text();
        String head = mark(run.outcome().orElseThrow()) + " " + text.get("run.finished", "job", job.name(), "who", who(run), "outcome", outcome(job, run),
                "took", took(run.duration().orElse(Duration.ZERO))) + note;
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(section -> section.text(markdownText(head + block(run.tail().lines().toList())))));
        blocks.add(actions(List.of(button(LOG, run.id(), text.get("button.log"), null), button(RERUN, job.name(), text.get("button.rerun"), null))));
        return new Message(head, blocks);
    }

    /** The one message of an outage: since when, how many runs failed or were missed, the last failing run's tail; Re-run, Show log, Pause. */
    Message alert(JobDefinition job, JobState state, JobRunRecord last)
    {
        Text text = text();
        String since = when(state.downSince().orElse(last.started()), job.zone());
        String what = last.outcome().orElseThrow() == JobOutcome.MISSED && state.downFailed() == 0 && state.downMissed() == 1
                ? text.get("alert.missed", "job", job.name(), "slot", when(last.slot().orElse(last.started()), job.zone()), "grace", took(job.grace()))
                : text.get("alert.failing", "job", job.name(), "since", since, "failed", state.downFailed(), "missed", state.downMissed());
        String head = state.flaps() > 0 ? what + " " + text.get("alert.flapping", "flaps", state.flaps()) : what;
        String lastLine = text.get("alert.last", "outcome", outcome(job, last), "when", when(last.ended().orElse(last.started()), job.zone()), "who", who(last));
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(section -> section.text(markdownText(":red_circle: " + head + "\n" + lastLine + block(last.tail().lines().toList())))));
        blocks.add(actions(List.of(button(RERUN, job.name(), text.get("button.rerun"), "primary"), button(LOG, last.id(), text.get("button.log"), null),
                button(PAUSE, job.name(), text.get("button.pause"), "danger"))));
        return new Message(head, blocks);
    }

    /** One failing run of an open outage, in the alert's thread: when, what, who, and its tail. */
    Message detail(JobDefinition job, JobRunRecord run)
    {
        String head = mark(run.outcome().orElseThrow()) + " " + text().get("alert.detail", "when", when(run.ended().orElse(run.started()), job.zone()),
                "outcome", outcome(job, run), "who", who(run), "took", run.duration().map(this::took).orElse(text().get("none")));
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(section -> section.text(markdownText(head + block(run.tail().lines().toList())))));
        blocks.add(actions(List.of(button(LOG, run.id(), text().get("button.log"), null))));
        return new Message(head, blocks);
    }

    /** The outage's message once it is over. */
    Message recovered(JobDefinition job, JobState outage, Instant at)
    {
        String head = ":large_green_circle: " + text().get("alert.recovered", "job", job.name(), "since", when(outage.downSince().orElse(at), job.zone()),
                "when", when(at, job.zone()), "down", took(Duration.between(outage.downSince().orElse(at), at)), "failed", outage.downFailed(), "missed", outage.downMissed());
        return Message.text(head);
    }

    /** The short post that tells the channel the outage is over. */
    Message recoveryNote(JobDefinition job, JobState outage, Instant at)
    {
        return Message.text(":large_green_circle: " + text().get("recovery", "job", job.name(), "down", took(Duration.between(outage.downSince().orElse(at), at)),
                "failed", outage.downFailed(), "missed", outage.downMissed()));
    }

    /** The day's successes of a job that asked for them: how many, and the last one. */
    Message successes(JobDefinition job, JobRunRecord last, int count)
    {
        return Message.text(":white_check_mark: " + text().get("successes", "job", job.name(), "count", count, "when", when(last.ended().orElse(last.started()), job.zone()),
                "took", took(last.duration().orElse(Duration.ZERO)), "who", who(last)));
    }

    Message skipped(JobDefinition job, JobRunRecord skipped, String running)
    {
        return Message.text(":fast_forward: " + text().get("skipped", "job", job.name(), "slot", when(skipped.slot().orElse(skipped.started()), job.zone()),
                "run", running.substring(0, Math.min(8, running.length()))));
    }

    Message missedWhileDown(JobDefinition job, Instant from, Instant to, long slots, Instant next)
    {
        return Message.text(":zzz: " + text().get("missed.while.down", "job", job.name(), "from", when(from, job.zone()), "to", when(to, job.zone()), "count", slots,
                "next", when(next, job.zone())));
    }

    String catchUpNote(JobDefinition job, Instant slot, Instant from, Instant to)
    {
        return "\n" + text().get("catch.up", "slot", when(slot, job.zone()), "from", when(from, job.zone()), "to", when(to, job.zone()));
    }

    private static String block(List<String> tail)
    {
        if (tail.isEmpty()) {
            return "";
        }
        List<String> shown = tail.subList(Math.max(0, tail.size() - TAIL_SHOWN), tail.size());
        String joined = String.join("\n", shown).replace("```", "'''");
        if (joined.length() > TAIL_CHARACTERS) {
            joined = "…" + joined.substring(joined.length() - TAIL_CHARACTERS);
        }
        return "\n```" + joined + "```";
    }

    private static BlockElement button(String actionId, String value, String label, String style)
    {
        return BlockElements.button(builder -> {
            builder.actionId(actionId).value(value).text(plainText(label));
            return style == null ? builder : builder.style(style);
        });
    }
}
