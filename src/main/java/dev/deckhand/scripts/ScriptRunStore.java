package dev.deckhand.scripts;

import dev.deckhand.chat.MessageRef;
import dev.deckhand.store.Jdbc;

import java.time.Instant;
import java.util.OptionalInt;

import static java.util.Objects.requireNonNull;

/** Script runs in the store, so a restart can tell which ones it interrupted. */
final class ScriptRunStore
{
    private final Jdbc jdbc;

    ScriptRunStore(Jdbc jdbc)
    {
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
    }

    void started(ScriptRun run, String commandText, MessageRef message)
    {
        jdbc.update("INSERT INTO script_runs (id, script, user_id, channel_id, arguments, status, started_at, message_channel, message_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                run.id(), run.script().name(), run.requester(), run.conversation().channelId(), commandText, "running", run.started(),
                message.channel(), message.id());
    }

    void finished(ScriptRun run, String status, OptionalInt exitCode, Instant at)
    {
        jdbc.update("UPDATE script_runs SET status = ?, exit_code = ?, finished_at = ? WHERE id = ?",
                status, exitCode.isPresent() ? exitCode.getAsInt() : null, at, run.id());
    }
}
