package dev.deckhand.deploy;

import dev.deckhand.chat.Conversation;
import dev.deckhand.deploy.ServiceDefinition.EnvironmentDefinition;
import dev.deckhand.text.Text;

import java.time.Clock;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** {@code /deploy lock|unlock}: a person's lock on an environment, with who, why and when; refused deploys name it. */
final class DeployLocks
{
    private final DeployStore store;
    private final DeployGate gate;
    private final DeployViews views;
    private final Clock clock;
    private final Runnable changed;

    DeployLocks(DeployStore store, DeployGate gate, DeployViews views, Clock clock, Runnable changed)
    {
        this.changed = requireNonNull(changed, "changed is null");
        this.store = requireNonNull(store, "store is null");
        this.gate = requireNonNull(gate, "gate is null");
        this.views = requireNonNull(views, "views is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    String lock(Conversation conversation, ServiceDefinition service, EnvironmentDefinition environment, String reason)
    {
        gate.mayDeploy(conversation, service.name(), environment);
        store.lockReplacing(new Lock(service.name(), environment.name(), Lock.Kind.MANUAL, Optional.empty(), conversation.userId(), reason, clock.instant()));
        changed.run();
        return views.text().get("lock.done", "service", service.name(), "environment", environment.name(), "user", conversation.userId(), "reason", reason);
    }

    String unlock(Conversation conversation, ServiceDefinition service, EnvironmentDefinition environment)
    {
        gate.mayDeploy(conversation, service.name(), environment);
        Text text = views.text();
        boolean unlocked = store.unlock(service.name(), environment.name(), Lock.Kind.MANUAL);
        if (unlocked) {
            changed.run();
        }
        return unlocked
                ? text.get("unlock.done", "service", service.name(), "environment", environment.name(), "user", conversation.userId())
                : text.get("unlock.none", "service", service.name(), "environment", environment.name());
    }
}
