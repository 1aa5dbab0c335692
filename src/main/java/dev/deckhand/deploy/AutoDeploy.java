package dev.deckhand.deploy;

import dev.deckhand.chat.Chat;
import dev.deckhand.chat.Message;
import dev.deckhand.deploy.ServiceDefinition.EnvironmentDefinition;
import dev.deckhand.errors.UserError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * {@code watch.autoDeploy}: a new image goes to that environment at once, asked by "ECR push",
 * without Confirm but with everything else: locks, {@code after} and approvals hold, and a refusal
 * is said in the plan's message.
 */
final class AutoDeploy
{
    private static final Logger log = LoggerFactory.getLogger(AutoDeploy.class);

    private final DeployPlanner planner;
    private final DeployGate gate;
    private final DeployStore store;
    private final DeployService deploys;
    private final Chat chat;
    private final DeployViews views;
    private final Clock clock;

    AutoDeploy(DeployPlanner planner, DeployGate gate, DeployStore store, DeployService deploys, Chat chat, DeployViews views, Clock clock)
    {
        this.planner = requireNonNull(planner, "planner is null");
        this.gate = requireNonNull(gate, "gate is null");
        this.store = requireNonNull(store, "store is null");
        this.deploys = requireNonNull(deploys, "deploys is null");
        this.chat = requireNonNull(chat, "chat is null");
        this.views = requireNonNull(views, "views is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** {@code announcedIn}: where the new image was announced, the plan's channel when the environment names none. */
    void deploy(ServiceDefinition service, EnvironmentDefinition environment, String tag, String announcedIn)
    {
        Deploy deploy = planner.plan(service, environment, Optional.of(tag), Deploy.ECR_PUSH, deploys.channel(environment, announcedIn), Optional.empty());
        try {
            gate.unlocked(service.name(), environment.name(), DeployKind.DEPLOY);
            gate.inOrder(deploy, environment);
            if (environment.approvals() > 0) {
                if (store.awaitApprovals(deploy.id(), Deploy.ECR_PUSH)) {
                    edit(deploy, views.awaiting(deploy, environment, Deploy.ECR_PUSH, List.of()));
                }
                return;
            }
            gate.hold(deploy, clock.instant());
        }
        catch (UserError refused) {
            if (store.move(deploy.id(), DeployStatus.PROPOSED, DeployStatus.CANCELLED)) {
                edit(deploy, views.closed(deploy, views.text().get("auto.refused", "environment", environment.name(), "reason", refused.getMessage())));
            }
            log.info("did not deploy {} {} to {} automatically: {}", service.name(), tag, environment.name(), refused.getMessage());
            return;
        }
        deploys.startChecked(deploy, service, environment, Optional.empty());
    }

    private void edit(Deploy deploy, Message message)
    {
        deploy.message().ifPresent(ref -> chat.update(ref, message));
    }
}
