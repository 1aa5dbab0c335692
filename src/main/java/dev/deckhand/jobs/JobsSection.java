package dev.deckhand.jobs;

import dev.deckhand.config.ConfigNode;
import dev.deckhand.config.ConfigSection;
import dev.deckhand.config.SectionContext;
import dev.deckhand.text.Bundle;
import dev.deckhand.text.Language;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code jobs}: what {@code /jobs} will run and watch. Until it does, the section takes the keys
 * DESIGN.md documents and checks their spelling and the plain values (durations, numbers, the
 * closed choices), so a typo is reported now rather than after the upgrade.
 */
public final class JobsSection
        implements ConfigSection<JobsConfig>
{
    static final Bundle BUNDLE = Bundle.of(JobsSection.class);
    private static final Set<String> JOB = Set.of("name", "schedule", "every", "timezone", "run", "timeout", "grace", "maxRuntime",
            "minRuntime", "retries", "failureTolerance", "overlap", "catchUp", "channel", "notify", "allow", "trigger", "ping");
    private static final List<String> DURATIONS = List.of("every", "timeout", "grace", "maxRuntime", "minRuntime");
    private static final Set<String> RUN = Set.of("script", "params", "ssm", "http");
    private static final Set<String> RETRIES = Set.of("count", "delay");
    private static final Set<String> NOTIFY = Set.of("failure", "recovery", "missed", "success");

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
        return new JobsConfig(jobs.named("job", JobsSection::job, name -> name));
    }

    @Override
    public JobsConfig absent(SectionContext context)
    {
        return new JobsConfig(List.of());
    }

    @Override
    public Optional<String> summary(JobsConfig value, Language language)
    {
        return Optional.of(BUNDLE.in(language).get("config.summary", "count", value.names().size()));
    }

    private static Optional<String> job(ConfigNode job)
    {
        if (!job.isObject()) {
            return Optional.empty();
        }
        job.onlyKeys(JOB);
        Optional<String> name = job.required("name").flatMap(ConfigNode::text);
        if (job.has("schedule") && job.has("every")) {
            job.problem("give either schedule (cron) or every, not both");
        }
        job.optional("schedule").ifPresent(ConfigNode::text);
        DURATIONS.forEach(key -> job.optional(key).ifPresent(ConfigNode::duration));
        job.optional("failureTolerance").ifPresent(ConfigNode::integer);
        job.optional("overlap").ifPresent(overlap -> oneOf(overlap, Set.of("forbid", "allow")));
        job.optional("catchUp").ifPresent(catchUp -> oneOf(catchUp, Set.of("once", "skip")));
        job.optional("notify").ifPresent(notify -> notify.texts().stream().filter(entry -> !NOTIFY.contains(entry))
                .forEach(entry -> notify.problem("'" + entry + "' is not something to notify about; use " + String.join(", ", NOTIFY.stream().sorted().toList()))));
        job.optional("run").filter(ConfigNode::isObject).ifPresent(run -> run.onlyKeys(RUN));
        job.optional("retries").filter(ConfigNode::isObject).ifPresent(retries -> {
            retries.onlyKeys(RETRIES);
            retries.optional("count").ifPresent(ConfigNode::integer);
            retries.optional("delay").ifPresent(ConfigNode::duration);
        });
        job.optional("trigger").filter(ConfigNode::isObject).ifPresent(trigger -> trigger.onlyKeys(Set.of("token")));
        job.optional("ping").filter(ConfigNode::isObject).ifPresent(ping -> ping.onlyKeys(Set.of("token")));
        return name;
    }

    private static void oneOf(ConfigNode node, Set<String> choices)
    {
        node.text().filter(text -> !choices.contains(text))
                .ifPresent(text -> node.problem("'" + text + "' is not one of " + String.join(", ", choices.stream().sorted().toList())));
    }
}
