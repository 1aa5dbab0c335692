package dev.deckhand.deploy;

import dev.deckhand.aws.Host;
import dev.deckhand.aws.Image;
import dev.deckhand.aws.ImageRegistry;
import dev.deckhand.aws.RemoteCommands;
import dev.deckhand.chat.Chat;
import dev.deckhand.chat.Conversation;
import dev.deckhand.chat.MessageRef;
import dev.deckhand.deploy.ServiceDefinition.EnvironmentDefinition;
import dev.deckhand.errors.UserError;
import dev.deckhand.text.Text;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Makes a plan: the tag resolved to a digest in ECR (the newest matching tag when none is given),
 * what runs there now, the hosts the targets match, and the message with Confirm and Cancel in the
 * environment's channel. Nothing is sent to the hosts. Calls AWS: runs after the ack.
 */
final class DeployPlanner
{
    private final ImageRegistry images;
    private final RemoteCommands commands;
    private final DeployStore store;
    private final Chat chat;
    private final DeployViews views;
    private final Clock clock;

    DeployPlanner(ImageRegistry images, RemoteCommands commands, DeployStore store, Chat chat, DeployViews views, Clock clock)
    {
        this.images = requireNonNull(images, "images is null");
        this.commands = requireNonNull(commands, "commands is null");
        this.store = requireNonNull(store, "store is null");
        this.chat = requireNonNull(chat, "chat is null");
        this.views = requireNonNull(views, "views is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Plans a deploy of {@code tag} (or the newest matching one); posts it in {@code channel} on behalf of {@code requester}. */
    Deploy plan(ServiceDefinition service, EnvironmentDefinition environment, Optional<String> tag, String requester, String channel, Optional<Conversation> conversation)
    {
        Image image = tag.map(name -> byTag(service, name)).orElseGet(() -> newest(service, environment));
        String shownTag = tag.orElseGet(() -> image.tags().stream().filter(service.watch()::matches).findFirst().orElse(image.tags().get(0)));
        Optional<Deploy> current = store.current(service.name(), environment.name());
        return post(service, environment, DeployKind.DEPLOY, current, shownTag, image.digest(), image.reference(), Optional.of(image.pushedAt()), requester, channel, conversation);
    }

    /** Plans a rollback to the newest fully successful deploy of another digest than what runs now. */
    Deploy planRollback(ServiceDefinition service, EnvironmentDefinition environment, String requester, String channel, Optional<Conversation> conversation)
    {
        // From what was sent last (a partial or failed deploy, usually), back to the newest image every host took.
        Optional<Deploy> latest = store.history(service.name(), environment.name(), 1).stream().findFirst();
        Deploy previous = store.previousGood(service.name(), environment.name(), latest.map(Deploy::digest).orElse(""))
                .orElseThrow(() -> new UserError(views.text().get("no.previous", "service", service.name(), "environment", environment.name())));
        return post(service, environment, DeployKind.ROLLBACK, latest, previous.tag(), previous.digest(), previous.image(), previous.pushedAt(), requester, channel, conversation);
    }

    /** The image a tag names now in ECR; a tag that is not there is said with the newest ones there are. */
    Image byTag(ServiceDefinition service, String tag)
    {
        return images.byTag(service.repository(), tag).orElseThrow(() -> {
            List<String> newest = images.tagged(service.repository()).stream().flatMap(image -> image.tags().stream())
                    .filter(service.watch()::matches).limit(5).toList();
            Text text = views.text();
            return new UserError(text.get("unknown.tag", "repository", service.repository().name(), "tag", tag,
                    "tags", newest.isEmpty() ? text.get("none") : newest.stream().map(name -> "`" + name + "`").collect(Collectors.joining(", "))));
        });
    }

    private Image newest(ServiceDefinition service, EnvironmentDefinition environment)
    {
        return images.tagged(service.repository()).stream()
                .filter(image -> image.tags().stream().anyMatch(service.watch()::matches))
                .findFirst()
                .orElseThrow(() -> {
                    Text text = views.text();
                    String matching = service.watch().tags().map(pattern -> text.get("no.tags.matching", "pattern", pattern.pattern())).orElse("");
                    return new UserError(text.get("no.tags", "repository", service.repository().name(), "matching", matching,
                            "service", service.name(), "environment", environment.name()));
                });
    }

    private Deploy post(ServiceDefinition service, EnvironmentDefinition environment, DeployKind kind, Optional<Deploy> current, String tag, String digest,
            String image, Optional<java.time.Instant> pushedAt, String requester, String channel, Optional<Conversation> conversation)
    {
        List<Host> hosts = commands.hosts(environment.targets());
        long online = hosts.stream().filter(Host::online).count();
        Deploy deploy = new Deploy(UUID.randomUUID().toString(), service.name(), environment.name(), kind, tag, digest, image, pushedAt,
                current.map(Deploy::digest), current.map(Deploy::tag), requester, clock.instant(), DeployStatus.PROPOSED, channel, Optional.empty(),
                hosts.size(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 0, 0);
        store.add(deploy);
        var message = views.plan(deploy, environment, (int) online, (int) (hosts.size() - online));
        MessageRef ref = conversation.map(person -> chat.post(channel, message, person)).orElseGet(() -> chat.post(channel, message));
        store.message(deploy.id(), ref);
        return store.find(deploy.id()).orElseThrow();
    }
}
