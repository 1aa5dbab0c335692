package dev.deckhand.jobs;

import dev.deckhand.config.AccessConfig;
import dev.deckhand.config.ConfigNode;
import dev.deckhand.config.ConfigProblems;
import dev.deckhand.config.ConfigSection;
import dev.deckhand.config.DeckhandConfig;
import dev.deckhand.config.Secret;
import dev.deckhand.config.SectionContext;
import dev.deckhand.config.SlackSection;
import dev.deckhand.config.Tokens;
import dev.deckhand.config.TimezoneSection.Timezone;
import dev.deckhand.jobs.JobDefinition.CatchUp;
import dev.deckhand.jobs.JobDefinition.Notify;
import dev.deckhand.jobs.JobDefinition.Overlap;
import dev.deckhand.jobs.JobDefinition.Retries;
import dev.deckhand.scripts.port.ScriptCatalog;
import dev.deckhand.tasks.Schedule;
import dev.deckhand.text.Bundle;
import dev.deckhand.text.Language;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code jobs}: what {@code /jobs} runs and watches. Every key DESIGN.md documents is read and
 * checked here, with the problem at its path; unknown keys are refused. After every section is
 * read, a job's {@code run.script} and its {@code params} are checked against the scripts section.
 */
public final class JobsSection
        implements ConfigSection<JobsConfig>
{
    static final Bundle BUNDLE = Bundle.of(JobsSection.class);
    /** In ping and trigger URLs, so as plain as a service name. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");
    private static final Set<String> JOB = Set.of("name", "schedule", "every", "timezone", "run", "timeout", "grace", "maxRuntime",
            "minRuntime", "retries", "failureTolerance", "overlap", "catchUp", "channel", "notify", "allow", "trigger", "ping");
    private static final Set<String> RETRIES = Set.of("count", "delay");
    private static final Set<String> NOTIFY = Set.of("failure", "recovery", "missed", "success");
    private static final Duration SHORTEST_EVERY = Duration.ofMinutes(1);
    static final Duration DEFAULT_GRACE = Duration.ofMinutes(5);
    static final Duration DEFAULT_RETRY_DELAY = Duration.ofMinutes(1);
    static final Set<Notify> DEFAULT_NOTIFY = EnumSet.of(Notify.FAILURE, Notify.RECOVERY, Notify.MISSED);

    @Override
    public String key()
    {
        return "jobs";
    }

    @Override
    public Class<JobsConfig> type()
    {
        return JobsConfig.class;
    }

    @Override
    public JobsConfig read(ConfigNode jobs, SectionContext context)
    {
        ZoneId zone = context.section(Timezone.class).zone();
        AccessConfig access = context.section(AccessConfig.class);
        return new JobsConfig(jobs.named("job", job -> job(job, zone, access), JobDefinition::name));
    }

    @Override
    public JobsConfig absent(SectionContext context)
    {
        return new JobsConfig(List.of());
    }

    /** A script job's script exists and takes its params; a script removed or renamed is reported at the job. */
    @Override
    public void check(JobsConfig value, DeckhandConfig config, ConfigProblems problems)
    {
        ScriptCatalog scripts = config.section(ScriptCatalog.class);
        for (int i = 0; i < value.jobs().size(); i++) {
            if (value.jobs().get(i).run() instanceof JobRun.Script script) {
                String path = "jobs[" + i + "].run.script";
                scripts.problems(script.script(), script.params()).forEach(problem -> problems.add(path, problem));
            }
        }
    }

    @Override
    public Optional<String> summary(JobsConfig value, Language language)
    {
        return Optional.of(BUNDLE.in(language).get("config.summary", "count", value.jobs().size()));
    }

    private static Optional<JobDefinition> job(ConfigNode job, ZoneId defaultZone, AccessConfig access)
    {
        if (!job.isObject()) {
            return Optional.empty();
        }
        job.onlyKeys(JOB);
        Optional<String> name = job.required("name").flatMap(node -> node.matching(NAME, "a job name is lower-case letters, digits, - or _ (at most 40)"));
        ZoneId zone = job.optional("timezone").flatMap(JobsSection::zone).orElse(defaultZone);
        if (job.has("schedule") && job.has("every")) {
            job.problem("give either schedule (cron) or every, not both");
        }
        Optional<Schedule> cron = job.optional("schedule").flatMap(node -> cron(node, zone));
        Optional<Schedule> period = job.optional("every").flatMap(JobsSection::every);
        Optional<Schedule> schedule = cron.or(() -> period);
        Optional<String> shown = job.optional("schedule").flatMap(ConfigNode::text).map(String::strip)
                .or(() -> job.optional("every").flatMap(ConfigNode::text).map(every -> "every " + every.strip()));
        JobRun run = job.optional("run").flatMap(JobRunReader::run).orElseGet(JobRun.Outside::new);
        Optional<Duration> timeout = positive(job, "timeout");
        Duration grace = positive(job, "grace").orElse(DEFAULT_GRACE);
        Optional<Duration> maxRuntime = positive(job, "maxRuntime");
        Optional<Duration> minRuntime = positive(job, "minRuntime");
        timeout.ifPresent(limit -> minRuntime.filter(least -> least.compareTo(limit) >= 0)
                .ifPresent(least -> job.optional("minRuntime").orElseThrow().problem("must be shorter than timeout (" + job.optional("timeout").flatMap(ConfigNode::text).orElse("") + ")")));
        Retries retries = job.optional("retries").map(JobsSection::retries).orElse(Retries.NONE);
        int tolerance = job.optional("failureTolerance").flatMap(ConfigNode::integer).filter(count -> {
            if (count < 0 || count > 100) {
                job.optional("failureTolerance").orElseThrow().problem("must be from 0 to 100");
                return false;
            }
            return true;
        }).orElse(0);
        Overlap overlap = job.optional("overlap").flatMap(node -> oneOf(node, Overlap.class)).orElse(Overlap.FORBID);
        CatchUp catchUp = job.optional("catchUp").flatMap(node -> oneOf(node, CatchUp.class)).orElse(CatchUp.ONCE);
        Optional<String> channel = job.optional("channel").flatMap(SlackSection::channel);
        Set<Notify> notify = job.optional("notify").map(JobsSection::notify).orElse(DEFAULT_NOTIFY);
        List<String> allow = job.optional("allow").map(access::allow).orElse(List.of());
        Optional<Secret> trigger = job.optional("trigger").flatMap(JobsSection::token);
        Optional<Secret> ping = job.optional("ping").flatMap(JobsSection::token);
        if (trigger.isPresent() && run instanceof JobRun.Outside) {
            job.optional("trigger").orElseThrow().problem("a job without run is run elsewhere, so Deckhand cannot trigger it; give it run, or drop trigger");
        }
        if (name.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new JobDefinition(name.get(), schedule, shown, zone, run, timeout, grace, maxRuntime, minRuntime, retries, tolerance,
                overlap, catchUp, channel, notify, allow, trigger, ping));
    }

    private static Optional<ZoneId> zone(ConfigNode node)
    {
        return node.text().flatMap(text -> {
            try {
                return Optional.of(ZoneId.of(text.strip()));
            }
            catch (DateTimeException e) {
                node.problem("'" + text + "' is not a time zone; write one like Asia/Seoul or UTC");
                return Optional.empty();
            }
        });
    }

    private static Optional<Schedule> cron(ConfigNode node, ZoneId zone)
    {
        return node.text().flatMap(text -> {
            try {
                return Optional.of(Schedule.cron(text.strip(), zone));
            }
            catch (IllegalArgumentException e) {
                node.problem("'" + text + "' is not a five-field cron schedule: " + e.getMessage());
                return Optional.empty();
            }
        });
    }

    private static Optional<Schedule> every(ConfigNode node)
    {
        return node.duration().filter(period -> {
            if (period.compareTo(SHORTEST_EVERY) < 0) {
                node.problem("must be at least 1m");
                return false;
            }
            return true;
        }).map(Schedule::every);
    }

    private static Optional<Duration> positive(ConfigNode job, String key)
    {
        return job.optional(key).flatMap(node -> node.duration().filter(value -> {
            if (value.isZero()) {
                node.problem("must be longer than 0s");
                return false;
            }
            return true;
        }));
    }

    private static Retries retries(ConfigNode retries)
    {
        if (!retries.isObject()) {
            return Retries.NONE;
        }
        retries.onlyKeys(RETRIES);
        int count = retries.required("count").flatMap(ConfigNode::integer).filter(value -> {
            if (value < 0 || value > 10) {
                retries.optional("count").orElseThrow().problem("must be from 0 to 10");
                return false;
            }
            return true;
        }).orElse(0);
        Duration delay = retries.optional("delay").flatMap(ConfigNode::duration).orElse(DEFAULT_RETRY_DELAY);
        return new Retries(count, delay);
    }

    private static Set<Notify> notify(ConfigNode notify)
    {
        Set<Notify> chosen = EnumSet.noneOf(Notify.class);
        for (String entry : notify.texts()) {
            if (NOTIFY.contains(entry)) {
                chosen.add(Notify.valueOf(entry.toUpperCase(Locale.ROOT)));
            }
            else {
                notify.problem("'" + entry + "' is not something to notify about; use " + String.join(", ", NOTIFY.stream().sorted().toList()));
            }
        }
        return chosen;
    }

    /** {@code trigger: { token }} and {@code ping: { token }}. */
    private static Optional<Secret> token(ConfigNode node)
    {
        if (!node.isObject()) {
            return Optional.empty();
        }
        node.onlyKeys(Set.of("token"));
        return node.required("token").flatMap(Tokens::read);
    }

    private static <E extends Enum<E>> Optional<E> oneOf(ConfigNode node, Class<E> type)
    {
        List<String> choices = EnumSet.allOf(type).stream().map(value -> value.name().toLowerCase(Locale.ROOT)).sorted().toList();
        return node.text().flatMap(text -> {
            if (choices.contains(text)) {
                return Optional.of(Enum.valueOf(type, text.toUpperCase(Locale.ROOT)));
            }
            node.problem("'" + text + "' is not one of " + String.join(", ", choices));
            return Optional.empty();
        });
    }
}
