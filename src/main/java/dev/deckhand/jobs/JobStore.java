package dev.deckhand.jobs;

import dev.deckhand.chat.MessageRef;
import dev.deckhand.jobs.JobState.Health;
import dev.deckhand.jobs.JobState.Pause;
import dev.deckhand.store.Jdbc;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/** Runs, job states, pings and the watch's last look, in the store. */
final class JobStore
{
    private static final String RUN_COLUMNS = "id, job, started_by, requester, slot, rid, attempt, status, started_at, ended_at, outcome, code, duration_ms, tail, channel, "
            + "message_channel, message_id";

    private final Jdbc jdbc;

    JobStore(Jdbc jdbc)
    {
        this.jdbc = requireNonNull(jdbc, "jdbc is null");
    }

    /** The job's state, made new (first seen now, expecting {@code expectedAt}) when it has none. */
    JobState state(String job, Instant now, Optional<Instant> expectedAt)
    {
        jdbc.insertIfAbsent("INSERT INTO job_states (job, status, first_seen, expected_at, failures, down_failed, down_missed, flaps, version) VALUES (?, ?, ?, ?, 0, 0, 0, 0, 0)",
                job, Health.NEW.name(), now, expectedAt.orElse(null));
        return find(job).orElseThrow();
    }

    Optional<JobState> find(String job)
    {
        return jdbc.query("SELECT * FROM job_states WHERE job = ?", JobRows::state, job).stream().findFirst();
    }

    List<JobState> states()
    {
        return jdbc.query("SELECT * FROM job_states", JobRows::state);
    }

    /** Stores {@code updated} when the state is still {@code read}; false when someone changed it since. */
    boolean replace(JobState read, JobState updated)
    {
        return jdbc.update("UPDATE job_states SET status = ?, expected_at = ?, running_run = ?, failures = ?, failing_since = ?, paused_by = ?, paused_reason = ?, "
                        + "paused_at = ?, down_since = ?, down_failed = ?, down_missed = ?, alert_channel = ?, alert_id = ?, last_success = ?, recovered_at = ?, "
                        + "flaps = ?, version = version + 1 WHERE job = ? AND version = ?",
                updated.health().name(), updated.expectedAt().orElse(null), updated.runningRun().orElse(null), updated.failures(), updated.failingSince().orElse(null),
                updated.pause().map(Pause::by).orElse(null), updated.pause().map(Pause::reason).orElse(null), updated.pause().map(Pause::at).orElse(null),
                updated.downSince().orElse(null), updated.downFailed(), updated.downMissed(), updated.alert().map(MessageRef::channel).orElse(null),
                updated.alert().map(MessageRef::id).orElse(null), updated.lastSuccess().orElse(null), updated.recoveredAt().orElse(null), updated.flaps(), read.job(),
                read.version()) == 1;
    }

    /** Takes the job for {@code run} under {@code overlap: forbid}; false when another run holds it. */
    boolean hold(String job, String run)
    {
        return jdbc.update("UPDATE job_states SET running_run = ?, version = version + 1 WHERE job = ? AND running_run IS NULL", run, job) == 1;
    }

    void release(String job, String run)
    {
        jdbc.update("UPDATE job_states SET running_run = NULL, version = version + 1 WHERE job = ? AND running_run = ?", job, run);
    }

    void alert(String job, MessageRef message)
    {
        jdbc.update("UPDATE job_states SET alert_channel = ?, alert_id = ?, version = version + 1 WHERE job = ?", message.channel(), message.id(), job);
    }

    /** Stores a new run; {@code instance} is the replica running it, or empty for a run no replica runs (pings, the watch's records). */
    void insert(JobRunRecord run, String instance)
    {
        jdbc.update("INSERT INTO job_runs (id, job, started_by, requester, slot, rid, attempt, instance_id, status, started_at, ended_at, outcome, code, duration_ms, tail, channel) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                run.id(), run.job(), run.startedBy().tag(), run.requester().orElse(null), run.slot().orElse(null), run.rid().orElse(null), run.attempt(),
                instance.isEmpty() ? null : instance,
                run.running() ? "running" : "ended", run.started(), run.ended().orElse(null), run.outcome().map(JobOutcome::tag).orElse(null),
                run.code().isPresent() ? run.code().getAsInt() : null, run.duration().map(Duration::toMillis).orElse(null), storable(run.tail()), run.channel().orElse(null));
        if (!run.running() && run.outcome().filter(outcome -> outcome != JobOutcome.SKIPPED).isPresent()) {
            lastRun(run.id());
        }
    }

    /** The board's "last": the newest ended run of its job, skips left out. */
    private void lastRun(String run)
    {
        jdbc.update("UPDATE job_states SET last_run = ? WHERE job = (SELECT job FROM job_runs WHERE id = ?)", run, run);
    }

    /** A retry: the run goes on with its next attempt, on this replica. */
    void attempt(String run, int attempt, String instance)
    {
        jdbc.update("UPDATE job_runs SET attempt = ?, instance_id = ? WHERE id = ? AND status = 'running'", attempt, instance, run);
    }

    /** Ends a running run; false when it had ended already (another replica, or the watch, got there first). */
    boolean finish(String run, RunEnding ending)
    {
        boolean ended = jdbc.update("UPDATE job_runs SET status = 'ended', ended_at = ?, outcome = ?, code = ?, duration_ms = ?, tail = ?, output = ?, output_truncated = ? "
                        + "WHERE id = ? AND status = 'running'",
                ending.ended(), ending.outcome().tag(), ending.code().isPresent() ? ending.code().getAsInt() : null,
                ending.duration().map(Duration::toMillis).orElse(null), storable(ending.tail()), ending.output().map(JobStore::storable).orElse(null), ending.truncated(), run) == 1;
        if (ended && ending.outcome() != JobOutcome.SKIPPED) {
            lastRun(run);
        }
        return ended;
    }

    /** Adds to the log of a run (a {@code /log} ping), keeping it under {@code limit} characters. */
    void appendOutput(String run, String text, int limit)
    {
        String current = output(run).orElse("");
        String joined = current.isEmpty() ? text : current + "\n" + text;
        boolean cut = joined.length() > limit;
        jdbc.update("UPDATE job_runs SET output = ?, output_truncated = (output_truncated OR ?) WHERE id = ?", storable(cut ? joined.substring(0, limit) : joined), cut, run);
    }

    /** PostgreSQL's text cannot hold a NUL (H2's can): a log with one (a ping's body, a script's output) keeps U+FFFD in its place. */
    private static String storable(String text)
    {
        return text.indexOf('\0') < 0 ? text : text.replace('\0', '\uFFFD');
    }

    void message(String run, MessageRef message)
    {
        jdbc.update("UPDATE job_runs SET message_channel = ?, message_id = ? WHERE id = ?", message.channel(), message.id(), run);
    }

    Optional<JobRunRecord> run(String id)
    {
        return jdbc.query("SELECT " + RUN_COLUMNS + " FROM job_runs WHERE id = ?", JobRows::run, id).stream().findFirst();
    }

    /** The job's newest runs, newest first. */
    List<JobRunRecord> runs(String job, int limit)
    {
        return jdbc.query("SELECT " + RUN_COLUMNS + " FROM job_runs WHERE job = ? ORDER BY started_at DESC, id FETCH FIRST " + limit + " ROWS ONLY", JobRows::run, job);
    }

    /** The newest run of the job that has ended, skips left out. */
    Optional<JobRunRecord> lastEnded(String job)
    {
        return jdbc.query("SELECT " + prefixed("r") + " FROM job_states s JOIN job_runs r ON r.id = s.last_run WHERE s.job = ?", JobRows::run, job).stream().findFirst();
    }

    /** {@link #lastEnded} of every job that has one, in one read. */
    Map<String, JobRunRecord> lastEnded()
    {
        Map<String, JobRunRecord> last = new HashMap<>();
        jdbc.query("SELECT " + prefixed("r") + " FROM job_states s JOIN job_runs r ON r.id = s.last_run", JobRows::run).forEach(run -> last.put(run.job(), run));
        return last;
    }

    private static String prefixed(String table)
    {
        return Arrays.stream(RUN_COLUMNS.split(", ")).map(column -> table + "." + column).collect(Collectors.joining(", "));
    }

    /** Every run still going, with the replica running it (none for a run reported by pings; rows stored before this fix say so with an empty instance). */
    List<OpenRun> open()
    {
        return jdbc.query("SELECT " + RUN_COLUMNS + ", instance_id FROM job_runs WHERE status = 'running'",
                row -> new OpenRun(JobRows.run(row), Optional.ofNullable(row.getString("instance_id")).filter(instance -> !instance.isEmpty())));
    }

    /** The newest open run reported by pings with this rid (or none, for pings without one). */
    Optional<JobRunRecord> openPinged(String job, Optional<String> rid)
    {
        String match = rid.isPresent() ? "rid = ?" : "rid IS NULL";
        Object[] parameters = rid.isPresent() ? new Object[] {job, rid.get()} : new Object[] {job};
        return jdbc.query("SELECT " + RUN_COLUMNS + " FROM job_runs WHERE job = ? AND status = 'running' AND started_by = 'ping' AND " + match
                + " ORDER BY started_at DESC FETCH FIRST 1 ROWS ONLY", JobRows::run, parameters).stream().findFirst();
    }

    /** A run reported by pings with this rid that ended at or after {@code since}: a repeated end, or an end that came before its start. */
    Optional<JobRunRecord> endedPinged(String job, String rid, Instant since)
    {
        return jdbc.query("SELECT " + RUN_COLUMNS + " FROM job_runs WHERE job = ? AND rid = ? AND status = 'ended' AND started_by = 'ping' AND ended_at >= ? "
                + "ORDER BY ended_at DESC FETCH FIRST 1 ROWS ONLY", JobRows::run, job, rid, since).stream().findFirst();
    }

    /** The newest open run reported by pings, whatever its rid. */
    Optional<JobRunRecord> newestPinged(String job)
    {
        return jdbc.query("SELECT " + RUN_COLUMNS + " FROM job_runs WHERE job = ? AND status = 'running' AND started_by = 'ping' ORDER BY started_at DESC FETCH FIRST 1 ROWS ONLY",
                JobRows::run, job).stream().findFirst();
    }

    /** A run reported by pings started again: its clock starts now. */
    void restart(String run, Instant now)
    {
        jdbc.update("UPDATE job_runs SET started_at = ? WHERE id = ? AND status = 'running'", now, run);
    }

    Optional<String> output(String run)
    {
        return jdbc.query("SELECT output FROM job_runs WHERE id = ?", row -> Optional.ofNullable(row.getString("output")), run).stream().findFirst().flatMap(o -> o);
    }

    /** Whether a run was started for the slot, on time or as its catch-up (a replica that died after starting it, say). */
    boolean ranFor(String job, Instant slot)
    {
        return !jdbc.query("SELECT id FROM job_runs WHERE job = ? AND slot = ? AND started_by IN ('schedule', 'catch_up')", row -> row.getString("id"), job, slot).isEmpty();
    }

    /** Whether a missed run is recorded for the slot. */
    boolean missed(String job, Instant slot)
    {
        return !jdbc.query("SELECT id FROM job_runs WHERE job = ? AND slot = ? AND outcome = 'missed'", row -> row.getString("id"), job, slot).isEmpty();
    }

    void ping(Ping ping, Optional<String> run, Instant received)
    {
        jdbc.update("INSERT INTO job_pings (job, kind, exit_code, rid, run_id, received_at, method, user_agent, remote) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                ping.job(), ping.kind().tag(), ping.exitCode().isPresent() ? ping.exitCode().getAsInt() : null, ping.rid().orElse(null), run.orElse(null), received,
                ping.method(), ping.userAgent().map(agent -> agent.length() > 200 ? agent.substring(0, 200) : agent).orElse(null), ping.remote().orElse(null));
    }

    /** The pings of the job, newest first. */
    List<PingRecord> pings(String job, int limit)
    {
        return jdbc.query("SELECT kind, exit_code, rid, received_at, method, user_agent FROM job_pings WHERE job = ? ORDER BY id DESC FETCH FIRST " + limit + " ROWS ONLY",
                row -> new PingRecord(Ping.Kind.of(row.getString("kind")), JobRows.optionalInt(row, "exit_code"), Optional.ofNullable(row.getString("rid")),
                        Jdbc.instant(row, "received_at"), row.getString("method"), Optional.ofNullable(row.getString("user_agent"))), job);
    }

    /** Records that nobody watched from {@code from} to {@code to}, for every replica's watch. */
    void gap(Instant from, Instant to)
    {
        jdbc.update("UPDATE job_watch SET gap_from = ?, gap_to = ? WHERE id = 1", from, to);
    }

    /** The last time nobody watched, if there was one. */
    Optional<JobWatch.Gap> gap()
    {
        return jdbc.query("SELECT gap_from, gap_to FROM job_watch WHERE id = 1 AND gap_from IS NOT NULL",
                row -> new JobWatch.Gap(Jdbc.instant(row, "gap_from"), Jdbc.instant(row, "gap_to"))).stream().findFirst();
    }

    /** When the missed-run watch last looked. */
    Optional<Instant> lookedAt()
    {
        return jdbc.query("SELECT looked_at FROM job_watch WHERE id = 1", row -> Jdbc.instant(row, "looked_at")).stream().findFirst();
    }

    /** When the missed-run watch last looked, and records that it looks now. */
    Optional<Instant> look(Instant now)
    {
        Optional<Instant> last = lookedAt();
        if (last.isEmpty()) {
            jdbc.insertIfAbsent("INSERT INTO job_watch (id, looked_at) VALUES (1, ?)", now);
        }
        else {
            jdbc.update("UPDATE job_watch SET looked_at = ? WHERE id = 1", now);
        }
        return last;
    }

    /** A run still going and the replica that runs it (none for a run reported by pings). */
    record OpenRun(JobRunRecord run, Optional<String> instance)
    {
        OpenRun
        {
            requireNonNull(run, "run is null");
            requireNonNull(instance, "instance is null");
        }
    }

    /** A ping as kept for {@code /jobs <job>}. */
    record PingRecord(Ping.Kind kind, OptionalInt exitCode, Optional<String> rid, Instant received, String method, Optional<String> userAgent) {}
}
