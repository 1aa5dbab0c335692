package dev.deckhand.deploy;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.ProvidesIntoSet;
import dev.deckhand.access.AccessPolicy;
import dev.deckhand.aws.ImageRegistry;
import dev.deckhand.aws.RemoteCommands;
import dev.deckhand.chat.Chat;
import dev.deckhand.config.ConfigHolder;
import dev.deckhand.deploy.hooks.ImagePushes;
import dev.deckhand.interaction.Background;
import dev.deckhand.interaction.Button;
import dev.deckhand.interaction.HomeTab;
import dev.deckhand.interaction.ButtonAction;
import dev.deckhand.interaction.HomeSection;
import dev.deckhand.interaction.Reply;
import dev.deckhand.interaction.SlashCommand;
import dev.deckhand.lifecycle.Managed;
import dev.deckhand.store.Jdbc;
import dev.deckhand.tasks.DurableTasks;
import dev.deckhand.tasks.Instances;
import dev.deckhand.tasks.TaskDefinition;
import dev.deckhand.text.CurrentLanguage;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Provider;

import java.time.Clock;

/**
 * {@code /deploy}: plans, Confirm and approvals, tracking on the hosts, history, locks, rollback, and
 * new images from the hook or polling. Needs the aws ports ({@link ImageRegistry}, {@link RemoteCommands}).
 */
public final class DeployModule
        extends AbstractModule
{
    @Override
    protected void configure()
    {
        Multibinder.newSetBinder(binder(), SlashCommand.class).addBinding().to(DeployCommand.class);
    }

    @Provides
    @Singleton
    static DeployStore store(Jdbc jdbc)
    {
        return new DeployStore(jdbc);
    }

    @Provides
    @Singleton
    static DeployViews views(CurrentLanguage language, ConfigHolder config)
    {
        return new DeployViews(new DeployMessages(language), () -> config.current().timezone());
    }

    @Provides
    @Singleton
    static DeployGate gate(AccessPolicy access, DeployStore store, DeployViews views, Instances instances)
    {
        return new DeployGate(access, store, views, instances);
    }

    @Provides
    @Singleton
    static DeployPlanner planner(ImageRegistry images, RemoteCommands commands, DeployStore store, Chat chat, DeployViews views, Clock clock)
    {
        return new DeployPlanner(images, commands, store, chat, views, clock);
    }

    @Provides
    @Singleton
    static DeployRunner runner(ConfigHolder config, DeployStore store, RemoteCommands commands, Provider<DurableTasks> tasks, Chat chat, DeployViews views,
            MeterRegistry metrics, Clock clock, Provider<HomeTab> home)
    {
        // A provider: the tab's deploys section reads the store these write.
        return new DeployRunner(config, store, commands, tasks, chat, views, metrics, clock, () -> home.get().changed());
    }

    @Provides
    @Singleton
    static DeployService service(ConfigHolder config, DeployStore store, DeployGate gate, DeployPlanner planner, DeployRunner runner, DeployViews views,
            Chat chat, Background background, Clock clock)
    {
        return new DeployService(config, store, gate, planner, runner, views, chat, background, clock);
    }

    @Provides
    @Singleton
    static DeployCommand command(DeployService deploys, DeployStore store, DeployGate gate, DeployViews views, Clock clock, Provider<HomeTab> home)
    {
        return new DeployCommand(deploys, new DeployQueries(store, views), new DeployLocks(store, gate, views, clock, () -> home.get().changed()), views);
    }

    /** The deploys and locks on the App Home tab, read from the store. */
    @ProvidesIntoSet
    static HomeSection home(ConfigHolder config, DeployStore store, DeployViews views)
    {
        return new DeployHomeSection(config, new DeployQueries(store, views), views);
    }

    @Provides
    @Singleton
    static ImageAnnouncer announcer(ConfigHolder config, DeployStore store, Provider<DurableTasks> tasks, Chat chat, DeployViews views, DeployPlanner planner,
            DeployGate gate, DeployService deploys, Clock clock)
    {
        return new ImageAnnouncer(config, store, tasks, chat, views, new AutoDeploy(planner, gate, store, deploys, chat, views, clock), clock);
    }

    @Provides
    @Singleton
    static ImagePushes pushes(ImageAnnouncer announcer)
    {
        return announcer;
    }

    @Provides
    @Singleton
    static ImageWatch watch(ConfigHolder config, ImageRegistry images, DeployStore store, ImageAnnouncer announcer, Provider<DurableTasks> tasks, Clock clock)
    {
        return new ImageWatch(config, images, store, announcer, tasks, clock);
    }

    @ProvidesIntoSet
    static TaskDefinition track(DeployRunner runner)
    {
        return runner.task();
    }

    @ProvidesIntoSet
    static TaskDefinition announce(ImageAnnouncer announcer)
    {
        return announcer.task();
    }

    @ProvidesIntoSet
    static TaskDefinition poll(ImageWatch watch)
    {
        return watch.task();
    }

    /** After the durable tasks start (bound after the tasks module): the watch follows the config from then on. */
    @ProvidesIntoSet
    static Managed followWatches(ImageWatch watch)
    {
        return watch;
    }

    // A deploy's buttons carry its id (Deploy on an announcement: service, environment and tag). Confirm, Cancel and
    // Stop act once per message; Approve and Reject do not, since several people click the same button; nor do Roll
    // back and Deploy, which only make a new plan to confirm and stay usable after that plan is cancelled or fails.
    @ProvidesIntoSet
    static ButtonAction confirm(DeployService deploys)
    {
        return new Button(DeployViews.CONFIRM, true, (id, clicker) -> {
            deploys.confirm(id, clicker);
            return Reply.none();
        });
    }

    @ProvidesIntoSet
    static ButtonAction cancel(DeployService deploys)
    {
        return new Button(DeployViews.CANCEL, true, (id, clicker) -> {
            deploys.cancel(id, clicker);
            return Reply.none();
        });
    }

    @ProvidesIntoSet
    static ButtonAction approve(DeployService deploys)
    {
        return new Button(DeployViews.APPROVE, false, (id, clicker) -> {
            deploys.decide(id, clicker, true);
            return Reply.none();
        });
    }

    @ProvidesIntoSet
    static ButtonAction reject(DeployService deploys)
    {
        return new Button(DeployViews.REJECT, false, (id, clicker) -> {
            deploys.decide(id, clicker, false);
            return Reply.none();
        });
    }

    @ProvidesIntoSet
    static ButtonAction stop(DeployService deploys)
    {
        return new Button(DeployViews.STOP, true, (id, clicker) -> {
            deploys.stop(id, clicker);
            return Reply.none();
        });
    }

    @ProvidesIntoSet
    static ButtonAction rollback(DeployService deploys)
    {
        return new Button(DeployViews.ROLLBACK, false, (id, clicker) -> Reply.text(deploys.rollbackFrom(id, clicker)));
    }

    @ProvidesIntoSet
    static ButtonAction start(DeployService deploys)
    {
        return new Button(DeployViews.START, false, (value, clicker) -> Reply.text(deploys.planFromAnnouncement(value, clicker)));
    }
}
