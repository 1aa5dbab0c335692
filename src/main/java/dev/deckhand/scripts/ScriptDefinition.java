package dev.deckhand.scripts;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * One runnable script. {@code command} is argv with {@code {param}} placeholders;
 * {@code secretValues} are env values that must be masked wherever output goes.
 */
public record ScriptDefinition(
        String name,
        String description,
        List<String> command,
        List<ParamDefinition> params,
        Duration timeout,
        List<String> allow,
        List<String> channels,
        Map<String, String> env,
        Set<String> secretValues,
        int concurrency)
{
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    public ScriptDefinition
    {
        requireNonNull(name, "name is null");
        requireNonNull(description, "description is null");
        command = List.copyOf(command);
        params = List.copyOf(params);
        requireNonNull(timeout, "timeout is null");
        allow = List.copyOf(allow);
        channels = List.copyOf(channels);
        env = Map.copyOf(env);
        secretValues = Set.copyOf(secretValues);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("command is empty");
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1");
        }
    }

    public Optional<ParamDefinition> param(String paramName)
    {
        return params.stream().filter(param -> param.name().equals(paramName)).findFirst();
    }
}
