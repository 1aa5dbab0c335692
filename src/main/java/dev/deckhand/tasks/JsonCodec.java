package dev.deckhand.tasks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import static java.util.Objects.requireNonNull;

/** {@link StateCodec#json}. */
record JsonCodec<T>(Class<T> type)
        implements StateCodec<T>
{
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new Jdk8Module())
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    JsonCodec
    {
        requireNonNull(type, "type is null");
    }

    @Override
    public String encode(T state)
    {
        try {
            return JSON.writeValueAsString(state);
        }
        catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot store a " + type.getSimpleName() + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public T decode(String text)
    {
        try {
            return JSON.readValue(text, type);
        }
        catch (JsonProcessingException e) {
            throw new IllegalArgumentException("stored state is not a " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }
}
