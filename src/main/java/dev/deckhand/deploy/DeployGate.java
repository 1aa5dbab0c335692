package dev.deckhand.deploy;

import dev.deckhand.access.AccessPolicy;
import dev.deckhand.chat.Conversation;
import dev.deckhand.deploy.ServiceDefinition.EnvironmentDefinition;
import dev.deckhand.errors.AccessDenied;
import dev.deckhand.errors.UserError;
import dev.deckhand.text.Text;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What must hold before a deploy may go: who may ask, confirm, approve or stop it; the locks of
 * its environment; and the order of environments ({@code after}). Each refusal is a
 * {@link UserError} that names what and who. Reads the store only: fast enough for a click's ack.
 */
final class DeployGate
{
    private final AccessPolicy access;
    private final DeployStore store;
    private final DeployViews views;

    DeployGate(AccessPolicy access, DeployStore store, DeployViews views)
    {
        this.access = requireNonNull(access, "access is null");
        this.store = requireNonNull(store, "store is null");
        this.views = requireNonNull(views, "views is null");
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
        if (locks.containsKey(Lock.Kind.RUN)) {
            throw busy(service, environment);
        }
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
                "deploy " + deploy.tag(), now))) {
            throw busy(deploy.service(), deploy.environment());
        }
    }
}
