package dev.deckhand.tasks;

/**
 * Turns the state of a task instance into text and back. The text is stored: it outlives the
 * process that wrote it and is read by whichever replica runs the instance next, possibly one
 * running an older or newer Deckhand.
 */
public interface StateCodec<T>
{
    String encode(T state);

    T decode(String text);

    /**
     * JSON through Jackson: records, {@code java.time} values and {@code Optional} fields. Properties
     * a type does not know are ignored, so a replica still on the previous version reads a state
     * that gained a field.
     */
    static <T> StateCodec<T> json(Class<T> type)
    {
        return new JsonCodec<>(type);
    }
}
