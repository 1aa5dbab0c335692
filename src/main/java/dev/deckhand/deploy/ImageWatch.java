package dev.deckhand.deploy;

import dev.deckhand.aws.Image;
import dev.deckhand.aws.ImageRegistry;
import dev.deckhand.config.ConfigHolder;
import dev.deckhand.config.DeckhandConfig;
import dev.deckhand.deploy.ImageAnnouncer.Push;
import dev.deckhand.lifecycle.Managed;
import dev.deckhand.tasks.DurableTasks;
import dev.deckhand.tasks.Recurrence;
import dev.deckhand.tasks.Schedule;
import dev.deckhand.tasks.TaskDefinition;
import dev.deckhand.tasks.TaskKey;
import jakarta.inject.Provider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * {@code watch.poll}: for installs no hook can reach (Socket Mode, a host behind a VPN), and as the
 * hook's backstop. One recurring task per service, following the config on reload, pages through
 * the repository's tagged images and announces those not seen before. A service's first poll only
 * records what is there, so turning polling on does not announce every old tag.
 */
final class ImageWatch
        implements Managed
{
    private static final Logger log = LoggerFactory.getLogger(ImageWatch.class);
    static final TaskKey<Watched> WATCH = TaskKey.of("deploy-watch", Watched.class);

    private final ConfigHolder config;
    private final ImageRegistry images;
    private final DeployStore store;
    private final ImageAnnouncer announcer;
    /** Through a provider: the tasks engine is built with this component's own task definition. */
    private final Provider<DurableTasks> tasks;
    private final Clock clock;

    ImageWatch(ConfigHolder config, ImageRegistry images, DeployStore store, ImageAnnouncer announcer, Provider<DurableTasks> tasks, Clock clock)
    {
        this.config = requireNonNull(config, "config is null");
        this.images = requireNonNull(images, "images is null");
        this.store = requireNonNull(store, "store is null");
        this.announcer = requireNonNull(announcer, "announcer is null");
        this.tasks = requireNonNull(tasks, "tasks is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** What a watch task carries: nothing but its service, which is also its id. */
    record Watched(String service) {}

    TaskDefinition task()
    {
        return TaskDefinition.onSchedule(WATCH, (id, due, watched) -> poll(watched.service()));
    }

    @Override
    public void start()
    {
        follow(config.current());
        config.onReload(this::follow);
    }

    @Override
    public void stop() {}

    void poll(String serviceName)
    {
        config.current().section(ServicesConfig.class).find(serviceName).ifPresent(service -> {
            List<Image> tagged = images.tagged(service.repository());
            // After the listing: a first poll that fails is still the first one next time.
            boolean first = store.startWatching(service.name(), clock.instant());
            for (Image image : tagged) {
                for (String tag : image.tags()) {
                    announcer.announce(service, new Push(service.repository().name(), tag, image.digest(), image.pushedAt()), first);
                }
            }
            if (first) {
                log.info("watching {}: recorded the images already in {}; newer ones will be announced", service.name(), service.repository().name());
            }
        });
    }

    private void follow(DeckhandConfig current)
    {
        Map<String, Recurrence<Watched>> wanted = new LinkedHashMap<>();
        for (ServiceDefinition service : current.section(ServicesConfig.class).services()) {
            service.watch().poll().ifPresent(poll -> wanted.put(service.name(), new Recurrence<>(Schedule.every(poll), new Watched(service.name()))));
        }
        tasks.get().reconcile(WATCH, wanted);
    }
}
