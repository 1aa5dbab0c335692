package dev.deckhand.tasks;

import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * A kind of durable work: the name its instances are stored under and the codec of their state.
 * Declare it once, beside its handler, then contribute the handler with it
 * ({@link TaskDefinition}) and schedule, recur and cancel its instances with it ({@link DurableTasks}).
 */
public record TaskKey<T>(String name, StateCodec<T> codec)
{
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,79}");

    public TaskKey
    {
        requireNonNull(name, "name is null");
        requireNonNull(codec, "codec is null");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a task name is lower-case letters, digits, '.', '_' and '-', at most 80 of them, not '" + name + "'");
        }
    }

    /** A task whose state is {@code type} stored as JSON (see {@link StateCodec#json}). */
    public static <T> TaskKey<T> of(String name, Class<T> type)
    {
        return new TaskKey<>(name, StateCodec.json(type));
    }
}
