package dev.deckhand.jobs;

import java.util.List;
import java.util.Optional;

/** The jobs in the config, checked, in the file's order. */
public record JobsConfig(List<JobDefinition> jobs)
{
    public JobsConfig
    {
        jobs = List.copyOf(jobs);
    }

    public List<String> names()
    {
        return jobs.stream().map(JobDefinition::name).toList();
    }

    public Optional<JobDefinition> find(String name)
    {
        return jobs.stream().filter(job -> job.name().equals(name)).findFirst();
    }
}
