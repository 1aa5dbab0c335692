package dev.deckhand.jobs;

import dev.deckhand.aws.AwsFailure;
import dev.deckhand.aws.CommandRequest;
import dev.deckhand.aws.HostInvocation;
import dev.deckhand.aws.InvocationStatus;
import dev.deckhand.aws.RemoteCommands;
import dev.deckhand.scripts.port.ScriptExecutor;
import dev.deckhand.scripts.port.ScriptInvocation;
import dev.deckhand.scripts.port.ScriptOutcome;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/** Runs one attempt of a job, by its kind: a script through the scripts port, a Run Command through the aws port, or an HTTP call. Blocks until it ends. */
final class JobExecutor
{
    /** How long a job without {@code timeout} may run: a run must end some time. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofHours(1);
    private static final Duration SSM_POLL = Duration.ofSeconds(2);

    private final ScriptExecutor scripts;
    private final RemoteCommands commands;
    private final HttpClient http;
    private final Clock clock;

    JobExecutor(ScriptExecutor scripts, RemoteCommands commands, HttpClient http, Clock clock)
    {
        this.scripts = requireNonNull(scripts, "scripts is null");
        this.commands = requireNonNull(commands, "commands is null");
        this.http = requireNonNull(http, "http is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    Attempt run(JobDefinition job, String runId, Consumer<String> lines)
    {
        JobRun run = job.run();
        if (run instanceof JobRun.Script script) {
            return script(job, script, runId, lines);
        }
        if (run instanceof JobRun.Ssm ssm) {
            return ssm(job, ssm, runId, lines);
        }
        if (run instanceof JobRun.Http call) {
            return http(job, call);
        }
        return Attempt.notStarted("this job runs elsewhere and reports in through its ping URLs");
    }

    private Attempt script(JobDefinition job, JobRun.Script script, String runId, Consumer<String> lines)
    {
        ScriptOutcome outcome;
        try {
            outcome = scripts.run(new ScriptInvocation(script.script(), script.params(), Map.of("DECKHAND_JOB", job.name(), "DECKHAND_RUN_ID", runId), job.timeout()),
                    lines::accept);
        }
        catch (IllegalArgumentException e) {
            return Attempt.notStarted(e.getMessage());
        }
        JobOutcome ended = outcome.interrupted() ? JobOutcome.INTERRUPTED
                : outcome.timedOut() ? JobOutcome.TIMED_OUT
                : outcome.exitCode().isPresent() && outcome.exitCode().getAsInt() == 0 ? JobOutcome.SUCCEEDED : JobOutcome.FAILED;
        return new Attempt(ended, outcome.exitCode(), outcome.duration(), outcome.tail(), outcome.output(), outcome.truncated());
    }

    private Attempt http(JobDefinition job, JobRun.Http call)
    {
        Duration timeout = job.timeout().orElse(DEFAULT_TIMEOUT);
        HttpRequest.Builder request = HttpRequest.newBuilder(call.url()).timeout(timeout)
                .method(call.method(), call.body().map(HttpRequest.BodyPublishers::ofString).orElse(HttpRequest.BodyPublishers.noBody()));
        call.headers().forEach(request::header);
        Instant started = clock.instant();
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            String body = new String(response.body(), StandardCharsets.UTF_8);
            String output = Attempt.bounded(call.method() + " " + call.url() + " → " + response.statusCode() + "\n" + body);
            JobOutcome outcome = call.succeeded(response.statusCode()) ? JobOutcome.SUCCEEDED : JobOutcome.FAILED;
            return new Attempt(outcome, OptionalInt.of(response.statusCode()), Duration.between(started, clock.instant()), Attempt.tailOf(output), output,
                    output.length() < body.length());
        }
        catch (HttpTimeoutException e) {
            String output = call.method() + " " + call.url() + ": no answer within " + timeout.toSeconds() + "s";
            return new Attempt(JobOutcome.TIMED_OUT, OptionalInt.empty(), Duration.between(started, clock.instant()), List.of(output), output, false);
        }
        catch (IOException e) {
            String output = call.method() + " " + call.url() + " failed: " + e;
            return new Attempt(JobOutcome.FAILED, OptionalInt.empty(), Duration.between(started, clock.instant()), List.of(output), output, false);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            String output = call.method() + " " + call.url() + ": Deckhand stopped before it answered";
            return new Attempt(JobOutcome.INTERRUPTED, OptionalInt.empty(), Duration.between(started, clock.instant()), List.of(output), output, false);
        }
    }

    private Attempt ssm(JobDefinition job, JobRun.Ssm ssm, String runId, Consumer<String> lines)
    {
        Duration timeout = job.timeout().orElse(DEFAULT_TIMEOUT);
        Instant started = clock.instant();
        Instant deadline = started.plus(timeout);
        String commandId;
        try {
            commandId = commands.send(new CommandRequest(ssm.document(), ssm.version(), ssm.targets(), ssm.parameters(), "100%", "100%",
                    Duration.ofSeconds(Math.max(30, timeout.toSeconds())), "Deckhand job " + job.name() + " run " + runId));
        }
        catch (AwsFailure | IllegalArgumentException e) {
            return Attempt.notStarted(e.getMessage());
        }
        lines.accept("SSM command " + commandId + " sent");
        try {
            while (true) {
                List<HostInvocation> hosts = commands.invocations(commandId);
                if (!hosts.isEmpty() && hosts.stream().allMatch(host -> host.status().finished())) {
                    return ssmEnded(hosts, started);
                }
                if (!clock.instant().isBefore(deadline)) {
                    commands.cancel(commandId);
                    String output = "SSM command " + commandId + " did not finish within " + timeout.toSeconds() + "s; asked SSM to cancel it\n" + hostLines(hosts);
                    return new Attempt(JobOutcome.TIMED_OUT, OptionalInt.empty(), Duration.between(started, clock.instant()), Attempt.tailOf(output), output, false);
                }
                Thread.sleep(SSM_POLL.toMillis());
            }
        }
        catch (AwsFailure e) {
            String output = "SSM command " + commandId + ": " + e.getMessage();
            return new Attempt(JobOutcome.FAILED, OptionalInt.empty(), Duration.between(started, clock.instant()), List.of(output), output, false);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            commands.cancel(commandId);
            String output = "Deckhand stopped while SSM command " + commandId + " ran; asked SSM to cancel it";
            return new Attempt(JobOutcome.INTERRUPTED, OptionalInt.empty(), Duration.between(started, clock.instant()), List.of(output), output, false);
        }
    }

    private Attempt ssmEnded(List<HostInvocation> hosts, Instant started)
    {
        long failed = hosts.stream().filter(host -> host.status() != InvocationStatus.SUCCESS).count();
        String output = Attempt.bounded(hostLines(hosts));
        JobOutcome outcome = failed == 0 ? JobOutcome.SUCCEEDED : JobOutcome.FAILED;
        // The code of an SSM job is how many hosts did not succeed.
        return new Attempt(outcome, OptionalInt.of((int) failed), Duration.between(started, clock.instant()), Attempt.tailOf(output), output, false);
    }

    private static String hostLines(List<HostInvocation> hosts)
    {
        List<String> lines = new ArrayList<>();
        for (HostInvocation host : hosts) {
            lines.add(host.instanceId() + " (" + host.instanceName() + "): " + host.status().name().toLowerCase(java.util.Locale.ROOT));
            host.output().lines().forEach(line -> lines.add("  " + line));
        }
        return String.join("\n", lines);
    }
}
