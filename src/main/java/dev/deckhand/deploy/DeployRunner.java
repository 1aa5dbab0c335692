package dev.deckhand.deploy;

import dev.deckhand.aws.CommandRequest;
import dev.deckhand.aws.Host;
import dev.deckhand.aws.HostInvocation;
import dev.deckhand.aws.RemoteCommands;
import dev.deckhand.chat.Chat;
import dev.deckhand.config.ConfigHolder;
import dev.deckhand.deploy.ServiceDefinition.EnvironmentDefinition;
import dev.deckhand.errors.ExternalFailure;
import dev.deckhand.errors.UserError;
import dev.deckhand.tasks.DurableTasks;
import dev.deckhand.tasks.Next;
import dev.deckhand.tasks.TaskDefinition;
import dev.deckhand.tasks.TaskKey;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Provider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Runs a confirmed deploy: sends the Run Command, then tracks it as a durable task, so it is tracked
 * by one replica and survives a restart. Each poll is one paged {@code ListCommandInvocations}; the
 * message is edited when something changed (the outbox keeps edits to one a second); the end is
 * recorded once, frees the environment, and says what each host ended with.
 */
final class DeployRunner
{
    private static final Logger log = LoggerFactory.getLogger(DeployRunner.class);
    static final TaskKey<Tracking> TRACK = TaskKey.of("deploy-track", Tracking.class);
    /** How long SSM waits to reach a host; an offline one is then "delivery timed out". */
    static final Duration DELIVERY_TIMEOUT = Duration.ofMinutes(10);
    /** The document's own execution timeout, and a margin: past both, a host that never answered counts as failed. */
    private static final Duration EXECUTION_TIMEOUT = Duration.ofMinutes(15);
    private static final Duration MARGIN = Duration.ofMinutes(2);

    private final ConfigHolder config;
    private final DeployStore store;
    private final RemoteCommands commands;
    /** Through a provider: the tasks engine is built with this component's own task definition. */
    private final Provider<DurableTasks> tasks;
    private final Chat chat;
    private final DeployViews views;
    private final MeterRegistry metrics;
    private final Clock clock;
    /** The App Home board shows what each environment runs: it is refreshed when a deploy starts or ends. */
    private final Runnable changed;

    DeployRunner(ConfigHolder config, DeployStore store, RemoteCommands commands, Provider<DurableTasks> tasks, Chat chat, DeployViews views, MeterRegistry metrics, Clock clock, Runnable changed)
    {
        this.changed = requireNonNull(changed, "changed is null");
        this.config = requireNonNull(config, "config is null");
        this.store = requireNonNull(store, "store is null");
        this.commands = requireNonNull(commands, "commands is null");
        this.tasks = requireNonNull(tasks, "tasks is null");
        this.chat = requireNonNull(chat, "chat is null");
        this.views = requireNonNull(views, "views is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** What a tracking task carries between polls. */
    record Tracking(int polls) {}

    TaskDefinition task()
    {
        return TaskDefinition.oneTime(TRACK, (id, state) -> track(id, state));
    }

    /**
     * Sends the deploy (which holds its environment's run lock) to the hosts; on any failure the
     * lock is freed and the deploy ends as failed, so nothing waits for it. It is running from
     * before its command goes: a Cancel clicked on the way either came first, and nothing is sent,
     * or finds it running and is told to use Stop.
     */
    void start(Deploy deploy, ServiceDefinition service, EnvironmentDefinition environment)
    {
        List<Host> hosts;
        try {
            hosts = commands.hosts(environment.targets());
            if (hosts.stream().noneMatch(Host::online)) {
                // SSM would take the command and wait ten minutes for hosts that cannot answer.
                throw new UserError(hosts.isEmpty() ? views.text().get("start.no.hosts") : views.text().get("start.all.offline", "count", hosts.size()));
            }
        }
        catch (RuntimeException e) {
            abandon(deploy, e);
            throw e;
        }
        if (!store.starting(deploy.id(), deploy.status(), hosts.size(), clock.instant())) {
            store.release(deploy.service(), deploy.environment(), deploy.id());
        changed.run();
            String now = store.find(deploy.id()).map(found -> views.text().get("status.outcome." + found.status().tag())).orElse(views.text().get("none"));
            throw new UserError(views.text().get("confirm.gone", "status", now));
        }
        send(store.find(deploy.id()).orElseThrow(), service, environment);
    }

    private void send(Deploy deploy, ServiceDefinition service, EnvironmentDefinition environment)
    {
        try {
            String commandId = commands.send(request(deploy, service, environment));
            store.sent(deploy.id(), commandId);
            changed.run();
            tasks.get().schedule(TRACK, deploy.id(), clock.instant().plusSeconds(1), new Tracking(0));
            Deploy started = store.find(deploy.id()).orElseThrow();
            started.message().ifPresent(message -> chat.update(message, views.running(started, List.of(), Optional.empty())));
            log.info("deploy {} of {} {} to {} sent: command {}, {} hosts", deploy.id(), service.name(), deploy.tag(), environment.name(), commandId, deploy.hostsExpected());
        }
        catch (RuntimeException e) {
            abandon(deploy, e);
            throw e;
        }
    }

    /** A deploy that could not be sent: the environment is free again and the message says why. */
    void abandon(Deploy deploy, RuntimeException failure)
    {
        store.release(deploy.service(), deploy.environment(), deploy.id());
        if (store.move(deploy.id(), deploy.status(), DeployStatus.FAILED)) {
            deploy.message().ifPresent(message -> chat.update(message, views.closed(deploy, views.text().get("start.failed", "reason", reason(failure)))));
        }
    }

    /** Asks SSM to cancel the command; tracking goes on and says where each host ended. */
    void stop(Deploy deploy)
    {
        deploy.commandId().ifPresent(commands::cancel);
        Deploy stopping = store.find(deploy.id()).orElseThrow();
        stopping.message().ifPresent(message -> chat.update(message, views.running(stopping, store.hosts(deploy.id()),
                Optional.of(views.text().get("stop.asked", "user", DeployViews.mention(stopping.stopRequestedBy().orElse("?")))))));
    }

    Next<Tracking> track(String id, Tracking state)
    {
        Optional<Deploy> found = store.find(id);
        if (found.isEmpty() || found.get().status() != DeployStatus.RUNNING || found.get().commandId().isEmpty()) {
            return Next.finish();
        }
        Deploy deploy = found.get();
        List<HostInvocation> invocations = commands.invocations(deploy.commandId().get());
        Instant now = clock.instant();
        boolean changed = record(deploy, invocations, now);
        List<HostResult> hosts = store.hosts(id);
        if (done(deploy, hosts, now)) {
            finish(deploy, hosts, now);
            return Next.finish();
        }
        if (changed) {
            deploy.message().ifPresent(message -> chat.update(message, views.running(deploy, hosts, stopNote(deploy))));
        }
        return Next.in(delay(state.polls()), new Tracking(state.polls() + 1));
    }

    /**
     * Faster at the start, when hosts move quickly; slower later, to go easy on SSM's limits, but no
     * slower than 2 s: with db-scheduler's own half-second poll on top, a host that finishes is shown
     * within 3 s (at 3 s, bench/deploy.sh measured 3.3-3.5 s in long rollouts).
     */
    static Duration delay(int polls)
    {
        return polls < 10 ? Duration.ofSeconds(1) : Duration.ofSeconds(2);
    }

    private boolean record(Deploy deploy, List<HostInvocation> invocations, Instant now)
    {
        Map<String, HostResult> known = new HashMap<>();
        store.hosts(deploy.id()).forEach(host -> known.put(host.instanceId(), host));
        boolean changed = false;
        for (HostInvocation invocation : invocations) {
            HostResult host = HostResults.of(invocation, deploy.digest());
            HostResult before = known.get(host.instanceId());
            if (before == null || before.status() != host.status() || !before.output().equals(host.output())) {
                store.host(deploy.id(), host, now);
                changed = true;
            }
        }
        return changed;
    }

    private static boolean done(Deploy deploy, List<HostResult> hosts, Instant now)
    {
        boolean allFinished = !hosts.isEmpty() && hosts.stream().allMatch(host -> host.status().finished());
        if (allFinished && (hosts.size() >= deploy.hostsExpected() || deploy.stopRequestedBy().isPresent())) {
            return true;
        }
        Instant deadline = deploy.startedAt().orElse(now).plus(DELIVERY_TIMEOUT).plus(EXECUTION_TIMEOUT).plus(MARGIN);
        return now.isAfter(deadline) || (allFinished && now.isAfter(deploy.startedAt().orElse(now).plus(DELIVERY_TIMEOUT)));
    }

    private void finish(Deploy deploy, List<HostResult> hosts, Instant now)
    {
        int total = Math.max(deploy.hostsExpected(), hosts.size());
        int succeeded = (int) hosts.stream().filter(host -> host.status() == HostStatus.SUCCEEDED).count();
        DeployStatus outcome = deploy.stopRequestedBy().isPresent() ? DeployStatus.STOPPED
                : total > 0 && succeeded == total ? DeployStatus.SUCCEEDED
                : succeeded > 0 ? DeployStatus.PARTIAL : DeployStatus.FAILED;
        Deploy ended = deploy.ending(outcome, now, succeeded, total - succeeded);
        Optional<String> lockNote = deploy.kind() == DeployKind.ROLLBACK
                ? Optional.of(views.text().get("rollback.reason", "tag", deploy.previousTag().orElse("?"),
                        "digest", deploy.previousDigest().map(Deploy::shortDigest).orElse("?"), "user", DeployViews.mention(deploy.requestedBy())))
                : Optional.empty();
        Optional<Deploy> rollbackTo = store.previousGood(deploy.service(), deploy.environment(), deploy.digest());
        // The final edit is queued first: should this replica die right here, the next run of this task edits again, with the same words.
        ended.message().ifPresent(message -> chat.update(message, views.finished(ended, outcome, hosts, rollbackTo, lockNote)));
        if (!store.ended(deploy.id(), outcome, succeeded, total - succeeded, now)) {
            return;
        }
        store.release(deploy.service(), deploy.environment(), deploy.id());
        lockNote.ifPresent(reason -> store.lockReplacing(new Lock(deploy.service(), deploy.environment(), Lock.Kind.MANUAL, Optional.of(deploy.id()),
                deploy.requestedBy(), reason, now)));
        Timer.builder("deckhand.deploys").description("Deploys by service, environment and outcome")
                .tag("service", deploy.service()).tag("environment", deploy.environment()).tag("outcome", outcome.tag())
                .register(metrics).record(ended.duration().orElse(Duration.ZERO));
        log.info("deploy {} of {} {} to {} ended {}: {} of {} hosts", deploy.id(), deploy.service(), deploy.tag(), deploy.environment(), outcome.tag(), succeeded, total);
    }

    private Optional<String> stopNote(Deploy deploy)
    {
        return deploy.stopRequestedBy().map(user -> views.text().get("stop.asked", "user", DeployViews.mention(user)));
    }

    private CommandRequest request(Deploy deploy, ServiceDefinition service, EnvironmentDefinition environment)
    {
        String comment = "Deckhand " + deploy.kind().tag() + " " + deploy.id().substring(0, 8) + " " + service.name() + " " + deploy.tag() + " by " + deploy.requestedBy();
        return new CommandRequest(service.document().name(), service.document().version(), environment.targets(),
                DeployParameters.of(service, deploy), environment.maxConcurrency(), environment.maxErrors(), DELIVERY_TIMEOUT, comment);
    }

    private String reason(RuntimeException e)
    {
        if (e instanceof UserError userError) {
            return userError.getMessage();
        }
        return e instanceof ExternalFailure external
                ? external.bundle().in(config.current().locale()).get(external.explanation(), external.arguments())
                : views.text().get("none");
    }
}
