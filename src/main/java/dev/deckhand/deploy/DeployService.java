package dev.deckhand.deploy;

import dev.deckhand.aws.Image;
import dev.deckhand.chat.Chat;
import dev.deckhand.chat.Conversation;
import dev.deckhand.chat.Message;
import dev.deckhand.chat.Message;
import dev.deckhand.config.ConfigHolder;
import dev.deckhand.deploy.ServiceDefinition.EnvironmentDefinition;
import dev.deckhand.errors.AccessDenied;
import dev.deckhand.errors.UserError;
import dev.deckhand.interaction.Background;
import dev.deckhand.text.Text;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * The conversation of a deploy: plan (after the ack: it asks AWS), Confirm, approvals, Cancel and
 * Stop. What a click may do is checked at once, against the store, so a refusal reaches the person
 * within Slack's three seconds; what needs AWS runs after the ack.
 */
final class DeployService
{
    private final ConfigHolder config;
    private final DeployStore store;
    private final DeployGate gate;
    private final DeployPlanner planner;
    private final DeployRunner runner;
    private final DeployViews views;
    private final Chat chat;
    private final Background background;
    private final Clock clock;

    DeployService(ConfigHolder config, DeployStore store, DeployGate gate, DeployPlanner planner, DeployRunner runner, DeployViews views,
            Chat chat, Background background, Clock clock)
    {
        this.config = requireNonNull(config, "config is null");
        this.store = requireNonNull(store, "store is null");
        this.gate = requireNonNull(gate, "gate is null");
        this.planner = requireNonNull(planner, "planner is null");
        this.runner = requireNonNull(runner, "runner is null");
        this.views = requireNonNull(views, "views is null");
        this.chat = requireNonNull(chat, "chat is null");
        this.background = requireNonNull(background, "background is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    ServicesConfig services()
    {
        return config.current().section(ServicesConfig.class);
    }

    ServiceDefinition service(String name)
    {
        return services().find(name).orElseThrow(() -> new UserError(views.text().get("unknown.service", "service", Text.excerpt(name, 40),
                "names", names(services().names()))));
    }

    EnvironmentDefinition environment(ServiceDefinition service, String name)
    {
        if (service.environments().isEmpty()) {
            throw new UserError(views.text().get("no.environments", "service", service.name()));
        }
        return service.environment(name).orElseThrow(() -> new UserError(views.text().get("unknown.environment", "service", service.name(),
                "environment", Text.excerpt(name, 40), "names", names(List.copyOf(service.environments().keySet())))));
    }

    /** Where an environment's deploys are told: its channel, the config's default channel, or where it was asked for. */
    String channel(EnvironmentDefinition environment, String fallback)
    {
        return environment.channel().or(() -> config.current().defaultChannel()).orElse(fallback);
    }

    /** Checks the person may deploy there now, then plans after the ack; answers what happens next. */
    String requestPlan(Conversation conversation, ServiceDefinition service, EnvironmentDefinition environment, Optional<String> tag, DeployKind kind)
    {
        gate.unlocked(service.name(), environment.name(), kind);
        return requestPlanUnlocked(conversation, service, environment, tag, kind);
    }

    private String requestPlanUnlocked(Conversation conversation, ServiceDefinition service, EnvironmentDefinition environment, Optional<String> tag, DeployKind kind)
    {
        gate.mayDeploy(conversation, service.name(), environment);
        Text text = views.text();
        String channel = channel(environment, conversation.channelId());
        String what = text.get("what.plan", "service", service.name(), "environment", environment.name());
        background.submit(what, conversation, () -> {
            if (kind == DeployKind.ROLLBACK) {
                planner.planRollback(service, environment, conversation.userId(), channel, Optional.of(conversation));
            }
            else {
                planner.plan(service, environment, tag, conversation.userId(), channel, Optional.of(conversation));
            }
        });
        String shownTag = tag.map(name -> " `" + name + "`").orElse("");
        return channel.equals(conversation.channelId()) || channel.equals("#" + conversation.channelName())
                ? text.get("planning.here", "service", service.name(), "environment", environment.name(), "tag", shownTag)
                : text.get("planning", "service", service.name(), "environment", environment.name(), "tag", shownTag, "channel", channelLink(channel));
    }

    /** Roll back on a deploy that did not all go: plans the rollback of its environment. */
    String rollbackFrom(String id, Conversation clicker)
    {
        Deploy deploy = store.find(id).orElseThrow(() -> new UserError(views.text().get("cancel.gone", "status", status(id))));
        ServiceDefinition service = service(deploy.service());
        return requestPlan(clicker, service, environment(service, deploy.environment()), Optional.empty(), DeployKind.ROLLBACK);
    }

    /** Deploy on an announcement: its value is {@code <service> <environment> <tag>}. */
    String planFromAnnouncement(String value, Conversation clicker)
    {
        String[] parts = value.split(" ");
        if (parts.length != 3) {
            throw new UserError(views.text().get("usage"));
        }
        ServiceDefinition service = service(parts[0]);
        return requestPlan(clicker, service, environment(service, parts[1]), Optional.of(parts[2]), DeployKind.DEPLOY);
    }

    void confirm(String id, Conversation clicker)
    {
        Deploy deploy = open(id, DeployStatus.PROPOSED, "confirm.gone");
        ServiceDefinition service = service(deploy.service());
        EnvironmentDefinition environment = environment(service, deploy.environment());
        Text text = views.text();
        if (clock.instant().isAfter(deploy.requestedAt().plus(DeployViews.CONFIRM_WITHIN))) {
            if (store.move(id, DeployStatus.PROPOSED, DeployStatus.EXPIRED)) {
                edit(deploy, views.closed(deploy, text.get("expired", "minutes", DeployViews.CONFIRM_WITHIN.toMinutes())));
            }
            throw new UserError(text.get("confirm.expired", "minutes", DeployViews.CONFIRM_WITHIN.toMinutes(), "service", deploy.service(),
                    "environment", deploy.environment(), "tag", deploy.tag()));
        }
        if (!clicker.userId().equals(deploy.requestedBy()) && !gate.isAdmin(clicker.userId())) {
            throw new AccessDenied(text.get("confirm.only", "user", DeployViews.mention(deploy.requestedBy())));
        }
        gate.mayDeploy(clicker, deploy.service(), environment);
        gate.unlocked(deploy.service(), deploy.environment(), deploy.kind());
        gate.inOrder(deploy, environment);
        if (environment.approvals() > 0 && deploy.kind() == DeployKind.DEPLOY) {
            if (store.awaitApprovals(id, clicker.userId())) {
                edit(deploy, views.awaiting(deploy, environment, clicker.userId(), List.of()));
            }
            return;
        }
        gate.hold(deploy, clock.instant());
        background.submit(text.get("what.start", "service", deploy.service(), "environment", deploy.environment()), clicker,
                () -> startChecked(deploy, service, environment, Optional.of(clicker)));
    }

    void decide(String id, Conversation clicker, boolean approve)
    {
        Deploy deploy = open(id, DeployStatus.AWAITING_APPROVAL, "approve.gone");
        ServiceDefinition service = service(deploy.service());
        EnvironmentDefinition environment = environment(service, deploy.environment());
        Text text = views.text();
        if (approve && clicker.userId().equals(deploy.requestedBy())) {
            throw new UserError(text.get("approve.self", "environment", environment.name()));
        }
        if (!gate.allowed(clicker.userId(), environment)) {
            gate.mayDeploy(clicker, deploy.service(), environment);
        }
        if (!approve) {
            if (store.decide(id, clicker.userId(), false, clock.instant()) && store.move(id, DeployStatus.AWAITING_APPROVAL, DeployStatus.REJECTED)) {
                edit(deploy, views.closed(deploy, text.get("rejected", "user", DeployViews.mention(clicker.userId()))));
            }
            return;
        }
        if (!store.decide(id, clicker.userId(), true, clock.instant())) {
            throw new UserError(text.get("approve.twice"));
        }
        List<String> approvers = store.approvers(id);
        if (approvers.size() < environment.approvals()) {
            edit(deploy, views.awaiting(deploy, environment, store.confirmedBy(id).orElse(deploy.requestedBy()), approvers));
            return;
        }
        gate.hold(deploy, clock.instant());
        background.submit(text.get("what.start", "service", deploy.service(), "environment", deploy.environment()), clicker,
                () -> startChecked(deploy, service, environment, Optional.of(clicker)));
    }

    void cancel(String id, Conversation clicker)
    {
        Deploy deploy = store.find(id).filter(found -> found.status().open())
                .orElseThrow(() -> new UserError(views.text().get("cancel.gone", "status", status(id))));
        if (!clicker.userId().equals(deploy.requestedBy()) && !gate.isAdmin(clicker.userId())) {
            throw new AccessDenied(views.text().get("confirm.only", "user", DeployViews.mention(deploy.requestedBy())));
        }
        if (store.move(id, deploy.status(), DeployStatus.CANCELLED)) {
            edit(deploy, views.closed(deploy, views.text().get("cancelled", "user", DeployViews.mention(clicker.userId()))));
        }
    }

    void stop(String id, Conversation clicker)
    {
        Deploy deploy = open(id, DeployStatus.RUNNING, "stop.gone");
        EnvironmentDefinition environment = environment(service(deploy.service()), deploy.environment());
        if (!clicker.userId().equals(deploy.requestedBy()) && !gate.allowed(clicker.userId(), environment)) {
            throw new AccessDenied(views.text().get("stop.only", "user", DeployViews.mention(deploy.requestedBy()), "environment", environment.name()));
        }
        if (store.requestStop(id, clicker.userId())) {
            background.submit(views.text().get("what.stop", "service", deploy.service(), "environment", deploy.environment()), clicker,
                    () -> runner.stop(deploy));
        }
    }

    /** Sends it after checking, with ECR, that the tag still names the digest that was shown; if it moved, says so and plans again. */
    void startChecked(Deploy deploy, ServiceDefinition service, EnvironmentDefinition environment, Optional<Conversation> clicker)
    {
        if (deploy.kind() == DeployKind.DEPLOY) {
            Image now;
            try {
                now = planner.byTag(service, deploy.tag());
            }
            catch (RuntimeException e) {
                runner.abandon(deploy, e);
                throw e;
            }
            if (!now.digest().equals(deploy.digest())) {
                store.release(deploy.service(), deploy.environment(), deploy.id());
                if (store.move(deploy.id(), deploy.status(), DeployStatus.EXPIRED)) {
                    edit(deploy, views.closed(deploy, views.text().get("superseded", "tag", deploy.tag())));
                }
                String moved = views.text().get("tag.moved", "tag", deploy.tag(), "digest", now.shortDigest(), "old", deploy.shortDigest());
                clicker.ifPresentOrElse(person -> chat.ephemeral(person, Message.text(moved)),
                        () -> chat.post(deploy.channel(), Message.text(moved)));
                planner.plan(service, environment, Optional.of(deploy.tag()), deploy.requestedBy(), deploy.channel(), clicker);
                return;
            }
        }
        runner.start(store.find(deploy.id()).orElseThrow(), service, environment);
    }

    private Deploy open(String id, DeployStatus expected, String gone)
    {
        return store.find(id).filter(found -> found.status() == expected)
                .orElseThrow(() -> new UserError(views.text().get(gone, "status", status(id))));
    }

    private String status(String id)
    {
        Text text = views.text();
        return store.find(id).map(found -> text.get("status.outcome." + found.status().tag())).orElse(text.get("none"));
    }

    private void edit(Deploy deploy, Message message)
    {
        deploy.message().ifPresent(ref -> chat.update(ref, message));
    }

    private static String channelLink(String channel)
    {
        return channel.startsWith("#") ? channel : "<#" + channel + ">";
    }

    private String names(List<String> names)
    {
        return names.isEmpty() ? views.text().get("none") : names.stream().map(name -> "`" + name + "`").collect(Collectors.joining(", "));
    }

    Instant now()
    {
        return clock.instant();
    }
}
