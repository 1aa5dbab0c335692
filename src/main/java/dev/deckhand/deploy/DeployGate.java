package dev.deckhand.deploy;

import dev.deckhand.access.AccessPolicy;
import dev.deckhand.chat.Conversation;
import dev.deckhand.deploy.ServiceDefinition.EnvironmentDefinition;
import dev.deckhand.errors.AccessDenied;
import dev.deckhand.errors.UserError;
import dev.deckhand.tasks.Instances;
import dev.deckhand.text.Text;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * What must hold before a deploy may go: who may ask, confirm, approve or stop it; the locks of
 * its environment; and the order of environments ({@code after}). Each refusal is a
 * {@link UserError} that names what and who. Works on the store only: fast enough for a click's ack.
 */
final class DeployGate
{
    private static final Logger log = LoggerFactory.getLogger(DeployGate.class);

    private final AccessPolicy access;
    private final DeployStore store;
    private final DeployViews views;
    private final Instances instances;

    DeployGate(AccessPolicy access, DeployStore store, DeployViews views, Instances instances)
    {
        this.access = requireNonNull(access, "access is null");
        this.store = requireNonNull(store, "store is null");
        this.views = requireNonNull(views, "views is null");
        this.instances = requireNonNull(instances, "instances is null");
    }

    /** The person may deploy to the environment (or is an admin). */
    void mayDeploy(Conversation conversation, String service, EnvironmentDefinition environment)
    {
        access.refusal(conversation, environment.allow(), List.of()).ifPresent(reason -> {
            throw new AccessDenied(views.text().get("refused", "service", service, "environment", environment.name(), "reason", reason));
        });
    }

    boolean allowed(String userId, EnvironmentDefinition environment)
    {
        return access.isAdmin(userId) || access.isAllowed(userId, environment.allow());
    }

    boolean isAdmin(String userId)
    {
        return access.isAdmin(userId);
    }

    /**
     * Neither a person's lock nor a running deploy holds the environment. A rollback passes a
     * person's lock (it is how a bad deploy is undone, and a rollback leaves such a lock itself), never a running deploy.
     */
    void unlocked(String service, String environment, DeployKind kind)
    {
        Map<Lock.Kind, Lock> locks = store.locks(service, environment);
        Text text = views.text();
        Optional.ofNullable(locks.get(Lock.Kind.MANUAL)).filter(lock -> kind == DeployKind.DEPLOY).ifPresent(lock -> {
            throw new UserError(lock.deployId().isPresent()
                    ? text.get("locked.by.rollback", "service", service, "environment", environment, "user", DeployViews.mention(lock.lockedBy()),
                            "when", views.when(lock.lockedAt()), "reason", lock.reason())
                    : text.get("locked", "service", service, "environment", environment, "user", lock.lockedBy(), "when", views.when(lock.lockedAt()),
                            "reason", lock.reason()));
        });
        if (locks.containsKey(Lock.Kind.RUN) && !freedIfAbandoned(locks.get(Lock.Kind.RUN))) {
            throw busy(service, environment);
        }
    }

    /**
     * A run lock is taken at Confirm and the deploy is sent after the ack, in memory: a replica killed in between leaves a lock
     * no task will free. It holds nothing once its deploy has ended, or when its deploy has no command (never sent) and the
     * replica that took it is gone; such a lock is freed (and the deploy that never went is failed) so the environment is not
     * held for ever.
     */
    private boolean freedIfAbandoned(Lock run)
    {
        Optional<Deploy> holder = run.deployId().flatMap(store::find);
        Optional<DeployStatus> status = holder.map(Deploy::status);
        boolean sent = holder.flatMap(Deploy::commandId).isPresent();
        if (status.filter(DeployStatus.RUNNING::equals).isPresent() && sent) {
            return false;
        }
        if (status.filter(current -> current.open() || current == DeployStatus.RUNNING).isPresent()) {
            Optional<String> takenBy = store.runLockInstance(run.service(), run.environment());
            Optional<Set<String>> alive = instances.alive();
            if (takenBy.isEmpty() || alive.isEmpty() || alive.get().contains(takenBy.get())) {
                return false;
            }
            holder.ifPresent(deploy -> store.move(deploy.id(), deploy.status(), DeployStatus.FAILED));
        }
        store.release(run.service(), run.environment(), run.deployId().orElse(""));
        log.warn("freed the run lock of {} in {} held by deploy {} ({}), which can no longer hold it", run.service(), run.environment(),
                run.deployId().orElse("?"), status.map(DeployStatus::tag).orElse("gone"));
        return true;
    }

    /** The refusal naming the deploy that holds the environment: the run lock's, which may not be sent yet (just confirmed, on another replica too). */
    UserError busy(String service, String environment)
    {
        Text text = views.text();
        Optional<Lock> run = Optional.ofNullable(store.locks(service, environment).get(Lock.Kind.RUN));
        return run.flatMap(Lock::deployId).flatMap(store::find).or(() -> store.running(service, environment))
                .map(holder -> new UserError(text.get("busy", "service", service, "environment", environment, "tag", holder.tag(),
                        "user", DeployViews.mention(holder.requestedBy()),
                        "when", views.when(holder.startedAt().or(() -> run.map(Lock::lockedAt)).orElse(holder.requestedAt())))))
                .orElseGet(() -> new UserError(text.get("busy", "service", service, "environment", environment, "tag", "?", "user", "?", "when", "?")));
    }

    /** For a deploy (not a rollback) to an environment with {@code after}: the earlier environment already runs this digest. */
    void inOrder(Deploy deploy, EnvironmentDefinition environment)
    {
        if (deploy.kind() == DeployKind.ROLLBACK || environment.after().isEmpty()) {
            return;
        }
        String after = environment.after().get();
        Optional<Deploy> current = store.current(deploy.service(), after);
        if (current.map(Deploy::digest).filter(deploy.digest()::equals).isPresent()) {
            return;
        }
        Text text = views.text();
        String now = current.map(running -> text.get("after.current", "tag", running.tag())).orElse("");
        throw new UserError(text.get("after.missing", "environment", environment.name(), "after", after, "tag", deploy.tag(),
                "digest", deploy.shortDigest(), "current", now));
    }

    /** Takes the environment for this deploy's whole run; refused when another deploy holds it, or a person locked it. */
    void hold(Deploy deploy, java.time.Instant now)
    {
        unlocked(deploy.service(), deploy.environment(), deploy.kind());
        if (!store.lock(new Lock(deploy.service(), deploy.environment(), Lock.Kind.RUN, Optional.of(deploy.id()), deploy.requestedBy(),
                "deploy " + deploy.tag(), now), Optional.of(instances.self().value()))) {
            throw busy(deploy.service(), deploy.environment());
        }
    }
}
