package dev.deckhand.audit;

import dev.deckhand.store.Jdbc;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.List;

import static java.util.Objects.requireNonNull;

/** Append-only record of every command and click, allowed or not. Details are masked before they are stored. */
public final class AuditLog
{
    private static final int MAX_DETAIL = 4000;
    // The columns' sizes: an entry is stored whatever a request carried, bounded to fit.
    private static final int MAX_ID = 64;
    private static final int MAX_KIND = 16;
    private static final int MAX_ACTION = 200;
    private static final int MAX_OUTCOME = 32;

    private final Jdbc jdbc;
    private final Masker masker = Masker.tokensOnly();

    @Inject
    public AuditLog(Jdbc jdbc)
    {
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
    }

    public void record(AuditEntry entry)
    {
        String detail = masker.mask(entry.detail());
        jdbc.update("INSERT INTO audit_log (occurred_at, user_id, channel_id, kind, action, detail, outcome, duration_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                entry.at(), truncate(entry.userId(), MAX_ID), truncate(entry.channelId(), MAX_ID), truncate(entry.kind(), MAX_KIND),
                truncate(entry.action(), MAX_ACTION), truncate(detail, MAX_DETAIL), truncate(entry.outcome(), MAX_OUTCOME), entry.duration().toMillis());
    }

    /** The newest {@code limit} entries, newest first. */
    public List<AuditEntry> recent(int limit)
    {
        return jdbc.query("SELECT * FROM audit_log ORDER BY id DESC FETCH FIRST " + Math.max(1, Math.min(limit, 200)) + " ROWS ONLY",
                row -> new AuditEntry(
                        Jdbc.instant(row, "occurred_at"),
                        row.getString("user_id"),
                        row.getString("channel_id"),
                        row.getString("kind"),
                        row.getString("action"),
                        row.getString("detail"),
                        row.getString("outcome"),
                        Duration.ofMillis(row.getLong("duration_ms"))));
    }

    private static String truncate(String text, int max)
    {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
