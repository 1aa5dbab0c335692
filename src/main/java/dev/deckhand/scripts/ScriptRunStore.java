package dev.deckhand.scripts;

import dev.deckhand.chat.MessageRef;
import dev.deckhand.store.Jdbc;
import dev.deckhand.store.StoreException;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static java.util.Objects.requireNonNull;

/**
 * Script runs in the store: who runs what where, which replica owns it, its message, and the
 * slots that hold each script's concurrency limit across replicas.
 */
final class ScriptRunStore
{
    private static final int MAX_ARGUMENTS = 4000;

    private final Jdbc jdbc;

    ScriptRunStore(Jdbc jdbc)
    {
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
    }

    /**
     * Records the run and takes a free slot of its script, in one transaction: a run that cannot be
     * recorded takes no slot, so it cannot leave its script "already running". False when all slots are taken.
     */
    boolean admit(ScriptRun run, String commandText, String owner, int concurrency)
    {
        String arguments = commandText.length() <= MAX_ARGUMENTS ? commandText : commandText.substring(0, MAX_ARGUMENTS - 1) + "…";
        for (int slot = 0; slot < concurrency; slot++) {
            int taken = slot;
            try {
                jdbc.inTransaction(transaction -> {
                    transaction.update("INSERT INTO run_slots (script, slot, run_id) VALUES (?, ?, ?)", run.script().name(), taken, run.id());
                    transaction.update("INSERT INTO script_runs (id, script, user_id, channel_id, arguments, status, started_at, owner) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                            run.id(), run.script().name(), run.requester(), run.conversation().channelId(), arguments, RunStatus.RUNNING.tag(), run.started(), owner);
                });
                return true;
            }
            catch (StoreException e) {
                // The run id is new, so a duplicate key is the slot's: someone holds it; try the next.
                if (!Jdbc.isUniqueViolation(e)) {
                    throw e;
                }
            }
        }
        return false;
    }

    /**
     * Frees slots held by no running run, such as one a run that failed to be recorded took before
     * {@link #admit} was one transaction; the run and its slot are written together, so no admission in progress is touched.
     */
    int freeOrphanedSlots()
    {
        return jdbc.update("DELETE FROM run_slots WHERE run_id NOT IN (SELECT id FROM script_runs WHERE status = ?)", RunStatus.RUNNING.tag());
    }

    /** The runs holding a script's slots, oldest first. */
    List<StoredRun> holders(String script)
    {
        return jdbc.query("SELECT r.* FROM run_slots s JOIN script_runs r ON r.id = s.run_id WHERE s.script = ? ORDER BY r.started_at",
                ScriptRunStore::run, script);
    }

    void message(ScriptRun run, MessageRef message)
    {
        jdbc.update("UPDATE script_runs SET message_channel = ?, message_id = ? WHERE id = ?", message.channel(), message.id(), run.id());
    }

    void finished(String runId, RunStatus status, OptionalInt exitCode, Instant at)
    {
        jdbc.inTransaction(transaction -> {
            transaction.update("UPDATE script_runs SET status = ?, exit_code = ?, finished_at = ? WHERE id = ?",
                    status.tag(), exitCode.isPresent() ? exitCode.getAsInt() : null, at, runId);
            transaction.update("DELETE FROM run_slots WHERE run_id = ?", runId);
        });
    }

    Optional<StoredRun> find(String runId)
    {
        return jdbc.query("SELECT * FROM script_runs WHERE id = ?", ScriptRunStore::run, runId).stream().findFirst();
    }

    /** Asks the replica running it to cancel; false when it is no longer running. */
    boolean requestCancel(String runId, String userId)
    {
        return jdbc.update("UPDATE script_runs SET cancel_requested_by = ? WHERE id = ? AND status = ? AND cancel_requested_by IS NULL", userId, runId, RunStatus.RUNNING.tag()) == 1;
    }

    Optional<String> cancelRequestedBy(String runId)
    {
        return jdbc.query("SELECT cancel_requested_by FROM script_runs WHERE id = ?", row -> Optional.ofNullable(row.getString("cancel_requested_by")), runId)
                .stream().findFirst().flatMap(value -> value);
    }

    List<StoredRun> running()
    {
        return jdbc.query("SELECT * FROM script_runs WHERE status = ?", ScriptRunStore::run, RunStatus.RUNNING.tag());
    }

    /** Marks a run of a vanished replica interrupted; true for the one caller that did it. */
    boolean interrupt(String runId, Instant at)
    {
        boolean marked = jdbc.update("UPDATE script_runs SET status = ?, finished_at = ? WHERE id = ? AND status = ?", RunStatus.INTERRUPTED.tag(), at, runId, RunStatus.RUNNING.tag()) == 1;
        jdbc.update("DELETE FROM run_slots WHERE run_id = ?", runId);
        return marked;
    }

    private static StoredRun run(java.sql.ResultSet row)
            throws java.sql.SQLException
    {
        String messageId = row.getString("message_id");
        String messageChannel = row.getString("message_channel");
        Optional<MessageRef> message = Optional.ofNullable(messageId).map(id -> new MessageRef(messageChannel == null ? "" : messageChannel, id));
        return new StoredRun(row.getString("id"), row.getString("script"), row.getString("user_id"), row.getString("arguments"),
                RunStatus.of(row.getString("status")), Jdbc.instant(row, "started_at"), Optional.ofNullable(row.getString("owner")), message);
    }

    /** A run as the store knows it, possibly owned by another replica. */
    record StoredRun(String id, String script, String requester, String commandText, RunStatus status, Instant started,
            Optional<String> owner, Optional<MessageRef> message) {}
}
