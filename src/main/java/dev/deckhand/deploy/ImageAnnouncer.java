package dev.deckhand.deploy;

import dev.deckhand.chat.Chat;
import dev.deckhand.config.ConfigHolder;
import dev.deckhand.deploy.hooks.ImagePushed;
import dev.deckhand.deploy.hooks.ImagePushes;
import dev.deckhand.tasks.DurableTasks;
import dev.deckhand.tasks.Next;
import dev.deckhand.tasks.TaskDefinition;
import dev.deckhand.tasks.TaskKey;
import jakarta.inject.Provider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * New images, from the hook or from polling: each tag and digest a service's {@code watch.tags}
 * matches is announced once in its channel, with a Deploy button per environment, and goes at once
 * to {@code watch.autoDeploy}. A push from the hook is handled as a durable task, off the request
 * and across a restart; SNS retries and multi-arch pushes (untagged children) announce nothing twice.
 */
final class ImageAnnouncer
        implements ImagePushes
{
    private static final Logger log = LoggerFactory.getLogger(ImageAnnouncer.class);
    static final TaskKey<Push> ANNOUNCE = TaskKey.of("deploy-announce", Push.class);

    private final ConfigHolder config;
    private final DeployStore store;
    /** Through a provider: the tasks engine is built with this component's own task definition. */
    private final Provider<DurableTasks> tasks;
    private final Chat chat;
    private final DeployViews views;
    private final AutoDeploy auto;
    private final Clock clock;

    ImageAnnouncer(ConfigHolder config, DeployStore store, Provider<DurableTasks> tasks, Chat chat, DeployViews views, AutoDeploy auto, Clock clock)
    {
        this.config = requireNonNull(config, "config is null");
        this.store = requireNonNull(store, "store is null");
        this.tasks = requireNonNull(tasks, "tasks is null");
        this.chat = requireNonNull(chat, "chat is null");
        this.views = requireNonNull(views, "views is null");
        this.auto = requireNonNull(auto, "auto is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** A push as the announce task carries it. */
    record Push(String repository, String tag, String digest, Instant pushedAt) {}

    TaskDefinition task()
    {
        return TaskDefinition.oneTime(ANNOUNCE, (id, push) -> {
            config.current().section(ServicesConfig.class).forRepository(push.repository()).forEach(service -> announce(service, push, false));
            return Next.finish();
        });
    }

    @Override
    public void pushed(ImagePushed push)
    {
        if (push.tag().isEmpty()) {
            // A multi-arch push also sends one event per platform manifest, without a tag: the tagged index is what is deployed.
            log.debug("ignored an untagged push of {} {}", push.repository(), push.digest());
            return;
        }
        String id = (push.repository() + "/" + push.tag().get() + "@" + push.digest()).replaceAll("[^A-Za-z0-9._/@:-]", "_");
        tasks.get().schedule(ANNOUNCE, id.length() <= 150 ? id : id.substring(0, 150), clock.instant(),
                new Push(push.repository(), push.tag().get(), push.digest(), push.pushedAt()));
    }

    /** Announces the image once if the service's watch takes its tag; {@code silently} only remembers it. */
    void announce(ServiceDefinition service, Push push, boolean silently)
    {
        if (!service.watch().matches(push.tag()) || !store.seen(service.name(), push.tag(), push.digest(), push.pushedAt(), !silently, clock.instant())) {
            return;
        }
        if (silently) {
            return;
        }
        Optional<String> channel = channel(service);
        if (channel.isEmpty()) {
            log.warn("new image {} of {} not announced: neither its environments nor slack.channel name a channel", push.tag(), service.name());
            return;
        }
        chat.post(channel.get(), views.announcement(service, push.tag(), push.digest(), push.pushedAt(), service.watch().autoDeploy()));
        log.info("announced {} {} ({}) in {}", service.name(), push.tag(), push.digest(), channel.get());
        service.watch().autoDeploy().flatMap(service::environment).ifPresent(environment -> auto.deploy(service, environment, push.tag(), channel.get()));
    }

    private Optional<String> channel(ServiceDefinition service)
    {
        return service.environments().values().stream().flatMap(environment -> environment.channel().stream()).findFirst()
                .or(() -> config.current().defaultChannel());
    }
}
