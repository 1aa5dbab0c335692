package dev.deckhand.jobs;

import dev.deckhand.chat.MessageRef;
import dev.deckhand.jobs.JobState.Health;
import dev.deckhand.jobs.JobState.Pause;
import dev.deckhand.store.Jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/** Rows of {@code job_states} and {@code job_runs} as values; the one place their columns are read. */
final class JobRows
{
    private JobRows() {}

    static JobState state(ResultSet row)
            throws SQLException
    {
        Optional<Pause> pause = Optional.ofNullable(row.getString("paused_by"))
                .map(by -> new Pause(by, orEmpty(row, "paused_reason"), instantOrNull(row, "paused_at")));
        Optional<MessageRef> alert = Optional.ofNullable(row.getString("alert_id")).map(id -> new MessageRef(orEmpty(row, "alert_channel"), id));
        return new JobState(row.getString("job"), Health.valueOf(row.getString("status")), Jdbc.instant(row, "first_seen"), optionalInstant(row, "expected_at"),
                Optional.ofNullable(row.getString("running_run")), row.getInt("failures"), optionalInstant(row, "failing_since"), pause,
                optionalInstant(row, "down_since"), row.getInt("down_failed"), row.getInt("down_missed"), alert, optionalInstant(row, "last_success"),
                optionalInstant(row, "recovered_at"), row.getInt("flaps"), row.getLong("version"));
    }

    static JobRunRecord run(ResultSet row)
            throws SQLException
    {
        Optional<MessageRef> message = Optional.ofNullable(row.getString("message_id")).map(id -> new MessageRef(orEmpty(row, "message_channel"), id));
        long duration = row.getLong("duration_ms");
        Optional<Duration> took = row.wasNull() ? Optional.empty() : Optional.of(Duration.ofMillis(duration));
        return new JobRunRecord(row.getString("id"), row.getString("job"), StartedBy.of(row.getString("started_by")), Optional.ofNullable(row.getString("requester")),
                optionalInstant(row, "slot"), Optional.ofNullable(row.getString("rid")), row.getInt("attempt"), "running".equals(row.getString("status")),
                Jdbc.instant(row, "started_at"), optionalInstant(row, "ended_at"), Optional.ofNullable(row.getString("outcome")).map(JobOutcome::of),
                optionalInt(row, "code"), took, Optional.ofNullable(row.getString("tail")).orElse(""), Optional.ofNullable(row.getString("channel")), message);
    }

    static OptionalInt optionalInt(ResultSet row, String column)
            throws SQLException
    {
        int value = row.getInt(column);
        return row.wasNull() ? OptionalInt.empty() : OptionalInt.of(value);
    }

    static Optional<Instant> optionalInstant(ResultSet row, String column)
            throws SQLException
    {
        Timestamp timestamp = row.getTimestamp(column);
        return Optional.ofNullable(timestamp).map(Timestamp::toInstant);
    }

    private static Instant instantOrNull(ResultSet row, String column)
    {
        try {
            return Jdbc.instant(row, column);
        }
        catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String orEmpty(ResultSet row, String column)
    {
        try {
            String value = row.getString(column);
            return value == null ? "" : value;
        }
        catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

}
