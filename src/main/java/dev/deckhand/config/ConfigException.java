package dev.deckhand.config;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** A config file that cannot be used; carries every problem found, not just the first. */
public class ConfigException
        extends RuntimeException
{
    private final Path file;
    private final List<ConfigProblem> problems;

    public ConfigException(Path file, List<ConfigProblem> problems)
    {
        super(describe(file, problems));
        this.file = file;
        this.problems = List.copyOf(problems);
    }

    public Path file()
    {
        return file;
    }

    public List<ConfigProblem> problems()
    {
        return problems;
    }

    private static String describe(Path file, List<ConfigProblem> problems)
    {
        String header = problems.size() == 1
                ? file + " has 1 problem:"
                : file + " has " + problems.size() + " problems:";
        return problems.stream()
                .map(problem -> "  - " + problem)
                .collect(Collectors.joining("\n", header + "\n", ""));
    }
}
