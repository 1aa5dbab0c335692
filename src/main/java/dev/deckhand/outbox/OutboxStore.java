package dev.deckhand.outbox;

import dev.deckhand.outbox.OutboxEntry.Kind;
import dev.deckhand.store.Jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** The outbox tables: what is owed to the chat service, the files it uploads, and the ids of delivered posts. */
final class OutboxStore
{
    static final String PENDING = "pending";
    static final String DELIVERED = "delivered";
    static final String SUPERSEDED = "superseded";
    static final String FAILED = "failed";
    static final String DEAD = "dead";
    /** How the last error of an entry held back by a 429 begins. */
    private static final String RATE_LIMITED = "rate limited: ";

    private final Jdbc jdbc;

    OutboxStore(Jdbc jdbc)
    {
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
    }

    void add(String messageKey, Kind kind, String channel, String text, Optional<String> blocks,
            Optional<String> replyUrl, Optional<String> replyUser, Instant now)
    {
        insert(messageKey, kind, channel, text, blocks, replyUrl, replyUser, Optional.empty(), now);
    }

    /** Queues a post in the thread of the message {@code parentKey}. */
    void addReply(String messageKey, String parentKey, String channel, String text, Optional<String> blocks, Instant now)
    {
        insert(messageKey, Kind.POST, channel, text, blocks, Optional.empty(), Optional.empty(), Optional.of(parentKey), now);
    }

    private void insert(String messageKey, Kind kind, String channel, String text, Optional<String> blocks,
            Optional<String> replyUrl, Optional<String> replyUser, Optional<String> parentKey, Instant now)
    {
        jdbc.update("INSERT INTO outbox (message_key, kind, channel, text, blocks, reply_url, reply_user, parent_key, state, attempts, next_attempt_at, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)",
                messageKey, kind.name().toLowerCase(Locale.ROOT), channel, text, blocks.orElse(null), replyUrl.orElse(null),
                replyUser.orElse(null), parentKey.orElse(null), PENDING, now, now);
    }

    /** Queues a file upload: its compressed content and its outbox entry, together or not at all. */
    void addUpload(String messageKey, String channel, String filename, String title, byte[] compressed, Instant now)
    {
        jdbc.inTransaction(tx -> {
            tx.update("INSERT INTO outbox_files (message_key, filename, content) VALUES (?, ?, ?)", messageKey, filename, compressed);
            new OutboxStore(tx).add(messageKey, Kind.UPLOAD, channel, title, Optional.empty(), Optional.empty(), Optional.empty(), now);
        });
    }

    /** The name and compressed content of a queued upload. */
    Optional<StoredFile> file(String messageKey)
    {
        return jdbc.query("SELECT filename, content FROM outbox_files WHERE message_key = ?",
                row -> new StoredFile(row.getString("filename"), row.getBytes("content")), messageKey).stream().findFirst();
    }

    /** Due entries, oldest first. */
    List<OutboxEntry> due(Instant now, int limit)
    {
        return jdbc.query("SELECT * FROM outbox WHERE state = ? AND next_attempt_at <= ? ORDER BY id FETCH FIRST " + limit + " ROWS ONLY",
                OutboxStore::entry, PENDING, now);
    }

    /** The oldest undelivered entry of each message: the only one of it that may go next. */
    Map<String, Long> heads()
    {
        return minimumIds("SELECT message_key AS k, MIN(id) AS head FROM outbox WHERE state = ? GROUP BY message_key");
    }

    /** The oldest undelivered post or file of each channel: the only new message that may appear there next. */
    Map<String, Long> channelHeads()
    {
        return minimumIds("SELECT channel AS k, MIN(id) AS head FROM outbox WHERE state = ? AND kind IN ('post', 'upload') GROUP BY channel");
    }

    private Map<String, Long> minimumIds(String sql)
    {
        Map<String, Long> heads = new HashMap<>();
        jdbc.query(sql, row -> heads.put(row.getString("k"), row.getLong("head")), PENDING);
        return heads;
    }

    /** What was delivered since {@code since}, by whichever replica: the pacing to go on from. */
    List<Delivery> deliveredSince(Instant since)
    {
        return jdbc.query("SELECT kind, channel, message_key, delivered_at FROM outbox WHERE state = ? AND delivered_at >= ?",
                row -> new Delivery(Kind.valueOf(row.getString("kind").toUpperCase(Locale.ROOT)), row.getString("channel"), row.getString("message_key"),
                        Jdbc.instant(row, "delivered_at")), DELIVERED, since);
    }

    /** The newest pending edit of a message; older ones are superseded by it. */
    Optional<OutboxEntry> latestUpdate(String messageKey)
    {
        return jdbc.query("SELECT * FROM outbox WHERE message_key = ? AND state = ? AND kind = 'update' ORDER BY id DESC FETCH FIRST 1 ROWS ONLY",
                OutboxStore::entry, messageKey, PENDING).stream().findFirst();
    }

    int supersede(String messageKey, long before, Instant now)
    {
        return jdbc.update("UPDATE outbox SET state = ?, delivered_at = ? WHERE message_key = ? AND state = ? AND kind = 'update' AND id < ?",
                SUPERSEDED, now, messageKey, PENDING, before);
    }

    Optional<String> deliveredId(String messageKey)
    {
        return jdbc.query("SELECT ts FROM outbox_refs WHERE message_key = ?", row -> row.getString("ts"), messageKey).stream().findFirst();
    }

    /** The state of a message's post; empty when the outbox no longer knows it (forgotten, or never queued). */
    Optional<String> postState(String messageKey)
    {
        return jdbc.query("SELECT state FROM outbox WHERE message_key = ? AND kind = 'post'", row -> row.getString("state"), messageKey).stream().findFirst();
    }

    /** Records a delivery: the entry is settled, a post's id is kept for its edits, an upload's bytes are dropped. */
    void delivered(OutboxEntry entry, Optional<String> messageId, Instant now)
    {
        jdbc.inTransaction(tx -> {
            messageId.ifPresent(id -> {
                if (tx.update("UPDATE outbox_refs SET ts = ?, delivered_at = ? WHERE message_key = ?", id, now, entry.messageKey()) == 0) {
                    tx.update("INSERT INTO outbox_refs (message_key, channel, ts, delivered_at) VALUES (?, ?, ?, ?)", entry.messageKey(), entry.channel(), id, now);
                }
            });
            tx.update("UPDATE outbox SET state = ?, delivered_at = ?, attempts = attempts + 1 WHERE id = ?", DELIVERED, now, entry.id());
            dropFile(tx, entry);
        });
    }

    /** A 429: the entry waits for Retry-After, and so does all delivery, on whichever replica takes the next turn. */
    void rateLimited(OutboxEntry entry, Instant resume, String error)
    {
        retryAt(entry, resume, RATE_LIMITED + error);
    }

    /** Until when a 429 paused delivery, if it still does. */
    Optional<Instant> pausedUntil(Instant now)
    {
        return jdbc.query("SELECT MAX(next_attempt_at) AS resume FROM outbox WHERE state = ? AND last_error LIKE ? AND next_attempt_at > ?",
                row -> Optional.ofNullable(Jdbc.instant(row, "resume")), PENDING, RATE_LIMITED + "%", now).get(0);
    }

    void retryAt(OutboxEntry entry, Instant at, String error)
    {
        jdbc.update("UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?", at, truncate(error), entry.id());
    }

    /**
     * Makes sure one entry held back by a failure is tried by {@code by}: the one due soonest,
     * brought forward if it is due later. Entries a 429 holds keep their Retry-After.
     */
    void tryOneHeldBy(Instant now, Instant by)
    {
        jdbc.update("UPDATE outbox SET next_attempt_at = ? WHERE next_attempt_at > ? AND id = (SELECT id FROM outbox WHERE state = ? AND next_attempt_at > ? "
                        + "AND last_error NOT LIKE ? ORDER BY next_attempt_at, id FETCH FIRST 1 ROWS ONLY)",
                by, by, PENDING, now, RATE_LIMITED + "%");
    }

    /** Entries held back by failures (not by a 429) are due now; returns how many. */
    int releaseHeld(Instant now)
    {
        return jdbc.update("UPDATE outbox SET next_attempt_at = ? WHERE state = ? AND next_attempt_at > ? AND last_error NOT LIKE ?",
                now, PENDING, now, RATE_LIMITED + "%");
    }

    void end(OutboxEntry entry, String state, String error, Instant now)
    {
        jdbc.inTransaction(tx -> {
            tx.update("UPDATE outbox SET state = ?, last_error = ?, delivered_at = ? WHERE id = ?", state, truncate(error), now, entry.id());
            dropFile(tx, entry);
        });
    }

    /** Ends every pending edit of a message whose post will never be delivered. */
    int endEdits(String messageKey, String state, String error, Instant now)
    {
        return jdbc.update("UPDATE outbox SET state = ?, last_error = ?, delivered_at = ? WHERE message_key = ? AND state = ? AND kind = 'update'",
                state, truncate(error), now, messageKey, PENDING);
    }

    /** Pending entries that may be tried before {@code deadline}. */
    long dueBefore(Instant deadline)
    {
        return jdbc.query("SELECT COUNT(*) AS due FROM outbox WHERE state = ? AND next_attempt_at < ?", row -> row.getLong("due"), PENDING, deadline).get(0);
    }

    long depth()
    {
        return jdbc.query("SELECT COUNT(*) AS depth FROM outbox WHERE state = ?", row -> row.getLong("depth"), PENDING).get(0);
    }

    Optional<Instant> oldestPending()
    {
        return jdbc.query("SELECT MIN(created_at) AS oldest FROM outbox WHERE state = ?", row -> Optional.ofNullable(Jdbc.instant(row, "oldest")), PENDING).get(0);
    }

    /**
     * Forgets settled entries: delivered and superseded ones settled before {@code settledBefore},
     * failed and dead ones (kept longer, to look into) before {@code failedBefore}, and the ids of
     * posts delivered before {@code failedBefore}. Returns how many rows went.
     */
    int forget(Instant settledBefore, Instant failedBefore)
    {
        return jdbc.update("DELETE FROM outbox WHERE state IN (?, ?) AND delivered_at < ?", DELIVERED, SUPERSEDED, settledBefore)
                + jdbc.update("DELETE FROM outbox WHERE state IN (?, ?) AND delivered_at < ?", FAILED, DEAD, failedBefore)
                + jdbc.update("DELETE FROM outbox_refs WHERE delivered_at < ?", failedBefore)
                + jdbc.update("DELETE FROM outbox_files WHERE message_key NOT IN (SELECT message_key FROM outbox WHERE state = ?)", PENDING);
    }

    private static void dropFile(Jdbc tx, OutboxEntry entry)
    {
        if (entry.kind() == Kind.UPLOAD) {
            tx.update("DELETE FROM outbox_files WHERE message_key = ?", entry.messageKey());
        }
    }

    private static OutboxEntry entry(ResultSet row)
            throws SQLException
    {
        return new OutboxEntry(
                row.getLong("id"),
                row.getString("message_key"),
                Kind.valueOf(row.getString("kind").toUpperCase(Locale.ROOT)),
                row.getString("channel"),
                row.getString("text"),
                Optional.ofNullable(row.getString("blocks")),
                Optional.ofNullable(row.getString("reply_url")),
                Optional.ofNullable(row.getString("reply_user")),
                Optional.ofNullable(row.getString("parent_key")),
                row.getInt("attempts"),
                Jdbc.instant(row, "created_at"));
    }

    record Delivery(Kind kind, String channel, String messageKey, Instant at) {}

    record StoredFile(String filename, byte[] compressed)
    {
        StoredFile
        {
            requireNonNull(filename, "filename is null");
            requireNonNull(compressed, "compressed is null");
        }
    }

    private static String truncate(String error)
    {
        return error.length() <= 500 ? error : error.substring(0, 499) + "…";
    }
}
