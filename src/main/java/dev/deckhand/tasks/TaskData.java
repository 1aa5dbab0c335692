package dev.deckhand.tasks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.kagkarlsson.scheduler.serializer.Serializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;

/**
 * How task data is stored in db-scheduler's rows: a one-time instance's state as the UTF-8 text
 * its codec wrote, a recurring instance and a waiting change as small JSON objects. Never Java
 * serialization: a row must stay readable by every replica and the next version.
 */
final class TaskData
        implements Serializer
{
    private static final ObjectMapper JSON = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);

    @Override
    public byte[] serialize(Object data)
    {
        if (data == null) {
            return null;
        }
        if (data instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        if (data instanceof ScheduledState state) {
            return json(StoredRecurrence.of(state));
        }
        if (data instanceof Change change) {
            return json(new StoredChange(change.task(), change.id(), change.recur().map(StoredRecurrence::of).orElse(null)));
        }
        throw new IllegalArgumentException("no stored form for task data of type " + data.getClass().getName());
    }

    @Override
    public <T> T deserialize(Class<T> type, byte[] bytes)
    {
        if (bytes == null || type == Void.class) {
            return null;
        }
        if (type == String.class) {
            return type.cast(new String(bytes, StandardCharsets.UTF_8));
        }
        if (type == ScheduledState.class) {
            return type.cast(read(bytes, StoredRecurrence.class).toState());
        }
        if (type == Change.class) {
            StoredChange stored = read(bytes, StoredChange.class);
            return type.cast(new Change(stored.task(), stored.id(), Optional.ofNullable(stored.recur()).map(StoredRecurrence::toState)));
        }
        throw new IllegalArgumentException("no stored form for task data of type " + type.getName());
    }

    private static byte[] json(Object value)
    {
        try {
            return JSON.writeValueAsBytes(value);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T read(byte[] bytes, Class<T> type)
    {
        try {
            return JSON.readValue(bytes, type);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A schedule as stored: a cron expression and its zone, or a period. */
    record StoredSchedule(String cron, String zone, String every)
    {
        static StoredSchedule of(Schedule schedule)
        {
            if (schedule instanceof Cron cron) {
                return new StoredSchedule(cron.expression(), cron.zone().getId(), null);
            }
            return new StoredSchedule(null, null, ((Every) schedule).period().toString());
        }

        Schedule toSchedule()
        {
            return cron != null ? Schedule.cron(cron, ZoneId.of(zone)) : Schedule.every(Duration.parse(every));
        }
    }

    record StoredRecurrence(StoredSchedule schedule, String state)
    {
        static StoredRecurrence of(ScheduledState state)
        {
            return new StoredRecurrence(StoredSchedule.of(state.schedule()), state.state());
        }

        ScheduledState toState()
        {
            return new ScheduledState(schedule.toSchedule(), state);
        }
    }

    /** A cancel when {@code recur} is absent. */
    record StoredChange(String task, String id, StoredRecurrence recur) {}
}
