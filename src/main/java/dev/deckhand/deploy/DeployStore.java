package dev.deckhand.deploy;

import dev.deckhand.chat.MessageRef;
import dev.deckhand.store.Jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/** Deploys in the store: their plans and ends, hosts, approvals and locks. Status changes are conditional, so two replicas cannot both make one. */
final class DeployStore
{
    private final Jdbc jdbc;

    DeployStore(Jdbc jdbc)
    {
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
    }

    void add(Deploy deploy)
    {
        jdbc.update("INSERT INTO deploys (id, service, environment, kind, tag, digest, image, pushed_at, previous_digest, previous_tag, requested_by, "
                        + "requested_at, status, channel, hosts_expected) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                deploy.id(), deploy.service(), deploy.environment(), deploy.kind().tag(), deploy.tag(), deploy.digest(), deploy.image(),
                deploy.pushedAt().orElse(null), deploy.previousDigest().orElse(null), deploy.previousTag().orElse(null), deploy.requestedBy(),
                deploy.requestedAt(), deploy.status().tag(), deploy.channel(), deploy.hostsExpected());
    }

    Optional<Deploy> find(String id)
    {
        return jdbc.query("SELECT * FROM deploys WHERE id = ?", DeployStore::deploy, id).stream().findFirst();
    }

    void message(String id, MessageRef message)
    {
        jdbc.update("UPDATE deploys SET message_channel = ?, message_id = ? WHERE id = ?", message.channel(), message.id(), id);
    }

    /** Moves a deploy from {@code from} to {@code to}; false when it was no longer in {@code from} (someone else moved it first). */
    boolean move(String id, DeployStatus from, DeployStatus to)
    {
        return jdbc.update("UPDATE deploys SET status = ? WHERE id = ? AND status = ?", to.tag(), id, from.tag()) == 1;
    }

    /** Confirmed by {@code user}, it now waits for approvals. */
    boolean awaitApprovals(String id, String user)
    {
        return jdbc.update("UPDATE deploys SET status = ?, confirmed_by = ? WHERE id = ? AND status = ?",
                DeployStatus.AWAITING_APPROVAL.tag(), user, id, DeployStatus.PROPOSED.tag()) == 1;
    }

    /** Who confirmed it, once it waits for approvals. */
    Optional<String> confirmedBy(String id)
    {
        return jdbc.query("SELECT confirmed_by FROM deploys WHERE id = ?", row -> Optional.ofNullable(row.getString("confirmed_by")), id)
                .stream().flatMap(Optional::stream).findFirst();
    }

    /** A deploy about to be sent to the hosts: running from now, before its command goes; false when it was no longer in {@code from} (cancelled). */
    boolean starting(String id, DeployStatus from, int hostsExpected, Instant at)
    {
        return jdbc.update("UPDATE deploys SET status = ?, hosts_expected = ?, started_at = ? WHERE id = ? AND status = ?",
                DeployStatus.RUNNING.tag(), hostsExpected, at, id, from.tag()) == 1;
    }

    /** The command a running deploy was sent as. */
    void sent(String id, String commandId)
    {
        jdbc.update("UPDATE deploys SET command_id = ? WHERE id = ?", commandId, id);
    }

    /** Ends a running deploy once: true for the one caller that did. */
    boolean ended(String id, DeployStatus outcome, int succeeded, int failed, Instant at)
    {
        return jdbc.update("UPDATE deploys SET status = ?, hosts_succeeded = ?, hosts_failed = ?, finished_at = ? WHERE id = ? AND status = ?",
                outcome.tag(), succeeded, failed, at, id, DeployStatus.RUNNING.tag()) == 1;
    }

    boolean requestStop(String id, String userId)
    {
        return jdbc.update("UPDATE deploys SET stop_requested_by = ? WHERE id = ? AND status = ? AND stop_requested_by IS NULL",
                userId, id, DeployStatus.RUNNING.tag()) == 1;
    }

    /** The newest deploys of an environment, newest first, that got as far as the hosts. */
    List<Deploy> history(String service, String environment, int limit)
    {
        return jdbc.query("SELECT * FROM deploys WHERE service = ? AND environment = ? AND started_at IS NOT NULL ORDER BY requested_at DESC FETCH FIRST "
                + Math.max(1, Math.min(limit, 50)) + " ROWS ONLY", DeployStore::deploy, service, environment);
    }

    /** What runs in the environment now: its newest deploy that every host took. */
    Optional<Deploy> current(String service, String environment)
    {
        return jdbc.query("SELECT * FROM deploys WHERE service = ? AND environment = ? AND status = ? ORDER BY finished_at DESC FETCH FIRST 1 ROWS ONLY",
                DeployStore::deploy, service, environment, DeployStatus.SUCCEEDED.tag()).stream().findFirst();
    }

    /** The newest fully successful deploy of another digest than {@code digest}: what a rollback goes back to. */
    Optional<Deploy> previousGood(String service, String environment, String digest)
    {
        return jdbc.query("SELECT * FROM deploys WHERE service = ? AND environment = ? AND status = ? AND digest <> ? ORDER BY finished_at DESC FETCH FIRST 1 ROWS ONLY",
                DeployStore::deploy, service, environment, DeployStatus.SUCCEEDED.tag(), digest).stream().findFirst();
    }

    Optional<Deploy> running(String service, String environment)
    {
        return jdbc.query("SELECT * FROM deploys WHERE service = ? AND environment = ? AND status = ? FETCH FIRST 1 ROWS ONLY",
                DeployStore::deploy, service, environment, DeployStatus.RUNNING.tag()).stream().findFirst();
    }

    // Hosts

    void host(String deployId, HostResult host, Instant at)
    {
        String output = cut(host.output(), 4000);
        String result = host.result().map(text -> cut(text, 2000)).orElse(null);
        if (jdbc.update("UPDATE deploy_hosts SET name = ?, status = ?, output = ?, result = ?, updated_at = ? WHERE deploy_id = ? AND instance_id = ?",
                host.name(), host.status().tag(), output, result, at, deployId, host.instanceId()) == 0) {
            jdbc.insertIfAbsent("INSERT INTO deploy_hosts (deploy_id, instance_id, name, status, output, result, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    deployId, host.instanceId(), host.name(), host.status().tag(), output, result, at);
        }
    }

    List<HostResult> hosts(String deployId)
    {
        return jdbc.query("SELECT * FROM deploy_hosts WHERE deploy_id = ? ORDER BY name, instance_id", row -> new HostResult(row.getString("instance_id"),
                row.getString("name"), HostStatus.of(row.getString("status")), row.getString("output"), Optional.ofNullable(row.getString("result"))), deployId);
    }

    // Approvals

    /** Records a decision; false when this person already decided. */
    boolean decide(String deployId, String userId, boolean approve, Instant at)
    {
        return jdbc.insertIfAbsent("INSERT INTO deploy_approvals (deploy_id, user_id, decision, decided_at) VALUES (?, ?, ?, ?)",
                deployId, userId, approve ? "approve" : "reject", at);
    }

    /** Who approved, in order. */
    List<String> approvers(String deployId)
    {
        return jdbc.query("SELECT user_id FROM deploy_approvals WHERE deploy_id = ? AND decision = 'approve' ORDER BY decided_at, user_id",
                row -> row.getString("user_id"), deployId);
    }

    // Images

    /** Remembers an image of a service; true the first time this tag and digest are seen. */
    boolean seen(String service, String tag, String digest, Instant pushedAt, boolean announced, Instant now)
    {
        return jdbc.insertIfAbsent("INSERT INTO image_announcements (service, tag, digest, pushed_at, seen_at, announced) VALUES (?, ?, ?, ?, ?, ?)",
                service, tag, digest, pushedAt, now, announced);
    }

    /** Records that polling of the service started; true the first time, when its poll only records what is there. */
    boolean startWatching(String service, Instant now)
    {
        return jdbc.insertIfAbsent("INSERT INTO deploy_watches (service, started_at) VALUES (?, ?)", service, now);
    }

    // Locks

    /** Takes the lock; false when it is held (by someone else, or by another deploy). */
    boolean lock(Lock lock)
    {
        return lock(lock, Optional.empty());
    }

    /** Takes the lock for replica {@code instanceId}, as a deploy's run lock is taken; false when it is held. */
    boolean lock(Lock lock, Optional<String> instanceId)
    {
        return jdbc.insertIfAbsent("INSERT INTO deploy_locks (service, environment, kind, deploy_id, locked_by, reason, locked_at, instance_id) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                lock.service(), lock.environment(), lock.kind().tag(), lock.deployId().orElse(null), lock.lockedBy(), cut(lock.reason(), 500), lock.lockedAt(),
                instanceId.orElse(null));
    }

    /** The replica that took the environment's run lock, when it is held and the lock says. */
    Optional<String> runLockInstance(String service, String environment)
    {
        return jdbc.query("SELECT instance_id FROM deploy_locks WHERE service = ? AND environment = ? AND kind = ?", row -> row.getString("instance_id"),
                service, environment, Lock.Kind.RUN.tag()).stream().filter(java.util.Objects::nonNull).findFirst();
    }

    /** A manual lock taken or replaced: the newest reason counts. */
    void lockReplacing(Lock lock)
    {
        jdbc.inTransaction(tx -> {
            tx.update("DELETE FROM deploy_locks WHERE service = ? AND environment = ? AND kind = ?", lock.service(), lock.environment(), lock.kind().tag());
            new DeployStore(tx).lock(lock);
        });
    }

    boolean unlock(String service, String environment, Lock.Kind kind)
    {
        return jdbc.update("DELETE FROM deploy_locks WHERE service = ? AND environment = ? AND kind = ?", service, environment, kind.tag()) > 0;
    }

    /** Frees a run lock, only if this deploy holds it. */
    void release(String service, String environment, String deployId)
    {
        jdbc.update("DELETE FROM deploy_locks WHERE service = ? AND environment = ? AND kind = ? AND deploy_id = ?", service, environment, Lock.Kind.RUN.tag(), deployId);
    }

    Map<Lock.Kind, Lock> locks(String service, String environment)
    {
        return jdbc.query("SELECT * FROM deploy_locks WHERE service = ? AND environment = ?", DeployStore::lock, service, environment).stream()
                .collect(Collectors.toMap(Lock::kind, lock -> lock));
    }

    private static Lock lock(ResultSet row)
            throws SQLException
    {
        return new Lock(row.getString("service"), row.getString("environment"), Lock.Kind.valueOf(row.getString("kind").toUpperCase(java.util.Locale.ROOT)),
                Optional.ofNullable(row.getString("deploy_id")), row.getString("locked_by"), row.getString("reason"), Jdbc.instant(row, "locked_at"));
    }

    private static Deploy deploy(ResultSet row)
            throws SQLException
    {
        String messageId = row.getString("message_id");
        Optional<MessageRef> message = Optional.ofNullable(messageId).map(id -> new MessageRef(orEmpty(row, "message_channel"), id));
        return new Deploy(row.getString("id"), row.getString("service"), row.getString("environment"), DeployKind.of(row.getString("kind")),
                row.getString("tag"), row.getString("digest"), row.getString("image"), optionalInstant(row, "pushed_at"),
                Optional.ofNullable(row.getString("previous_digest")), Optional.ofNullable(row.getString("previous_tag")),
                row.getString("requested_by"), Jdbc.instant(row, "requested_at"), DeployStatus.of(row.getString("status")), row.getString("channel"),
                message, row.getInt("hosts_expected"), Optional.ofNullable(row.getString("command_id")), optionalInstant(row, "started_at"),
                optionalInstant(row, "finished_at"), Optional.ofNullable(row.getString("stop_requested_by")), row.getInt("hosts_succeeded"), row.getInt("hosts_failed"));
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

    private static Optional<Instant> optionalInstant(ResultSet row, String column)
            throws SQLException
    {
        Timestamp timestamp = row.getTimestamp(column);
        return Optional.ofNullable(timestamp).map(Timestamp::toInstant);
    }

    private static String cut(String text, int max)
    {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
