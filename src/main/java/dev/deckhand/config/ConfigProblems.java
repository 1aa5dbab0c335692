package dev.deckhand.config;

import java.util.ArrayList;
import java.util.List;

/** Problems collected in one pass, each with its path; nothing stops at the first. */
public final class ConfigProblems
{
    private final List<ConfigProblem> problems = new ArrayList<>();

    public void add(String path, String message)
    {
        problems.add(new ConfigProblem(path, message));
    }

    public boolean isEmpty()
    {
        return problems.isEmpty();
    }

    public List<ConfigProblem> list()
    {
        return List.copyOf(problems);
    }
}
