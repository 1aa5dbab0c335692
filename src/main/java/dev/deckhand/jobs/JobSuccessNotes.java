package dev.deckhand.jobs;

import dev.deckhand.chat.MessageRef;
import dev.deckhand.store.Jdbc;

import java.time.LocalDate;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** {@code notify: [success]}: each job's message of the day and how many successes it counts ({@code job_success_notes}). */
final class JobSuccessNotes
{
    private final Jdbc jdbc;

    JobSuccessNotes(Jdbc jdbc)
    {
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
    }

    /** Counts one more success in the job's message for {@code day}; empty when it has none for that day yet. */
    Optional<Note> count(String job, LocalDate day)
    {
        if (jdbc.update("UPDATE job_success_notes SET successes = successes + 1 WHERE job = ? AND success_day = ?", job, day) == 0) {
            return Optional.empty();
        }
        return jdbc.query("SELECT message_channel, message_id, successes FROM job_success_notes WHERE job = ?",
                row -> new Note(new MessageRef(row.getString("message_channel"), row.getString("message_id")), row.getInt("successes")), job).stream().findFirst();
    }

    /** The job's success message for {@code day}, its first success counted. */
    void start(String job, LocalDate day, MessageRef message)
    {
        jdbc.inTransaction(transaction -> {
            transaction.update("DELETE FROM job_success_notes WHERE job = ?", job);
            transaction.update("INSERT INTO job_success_notes (job, success_day, message_channel, message_id, successes) VALUES (?, ?, ?, ?, 1)", job, day, message.channel(),
                    message.id());
        });
    }

    /** A day's success message and how many successes it counts. */
    record Note(MessageRef message, int successes) {}
}
