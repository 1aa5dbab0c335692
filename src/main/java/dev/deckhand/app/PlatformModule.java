package dev.deckhand.app;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.ProvidesIntoSet;
import dev.deckhand.access.AccessPolicy;
import dev.deckhand.audit.AuditLog;
import dev.deckhand.aws.AwsSettings;
import dev.deckhand.chat.Chat;
import dev.deckhand.config.ConfigHolder;
import dev.deckhand.config.ConfigLoader;
import dev.deckhand.config.ConfigSection;
import dev.deckhand.config.DeckhandConfig;
import dev.deckhand.errors.ErrorTranslator;
import dev.deckhand.interaction.Background;
import dev.deckhand.interaction.ButtonAction;
import dev.deckhand.interaction.ClickClaims;
import dev.deckhand.interaction.CommandRouter;
import dev.deckhand.interaction.HomeSection;
import dev.deckhand.interaction.HomeTab;
import dev.deckhand.interaction.ModalSubmission;
import dev.deckhand.interaction.SlashCommand;
import dev.deckhand.lifecycle.Managed;
import dev.deckhand.outbox.OutboxConfig;
import dev.deckhand.slack.SlackSettings;
import dev.deckhand.store.Jdbc;
import dev.deckhand.store.StoreConfig;
import dev.deckhand.tasks.InstanceId;
import dev.deckhand.tasks.TasksConfig;
import dev.deckhand.text.CurrentLanguage;
import dev.deckhand.web.WebConfig;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/** What every mode shares: the settings and config, the clock, routing, access, audit, background work and the App Home tab. */
final class PlatformModule
        extends AbstractModule
{
    private final Settings settings;
    private final DeckhandConfig initialConfig;
    private final List<ConfigSection<?>> sections;

    PlatformModule(Settings settings, DeckhandConfig initialConfig, List<ConfigSection<?>> sections)
    {
        this.settings = requireNonNull(settings, "settings is null");
        this.initialConfig = requireNonNull(initialConfig, "initialConfig is null");
        this.sections = List.copyOf(sections);
    }

    @Override
    protected void configure()
    {
        bind(StoreConfig.class).toInstance(settings.store());
        bind(SlackSettings.class).toInstance(settings.slack());
        bind(WebConfig.class).toInstance(settings.web());
        bind(TasksConfig.class).toInstance(settings.tasks());
        bind(OutboxConfig.class).toInstance(settings.outbox());
        bind(AwsSettings.class).toInstance(settings.aws());
        bind(InstanceId.class).toInstance(settings.instance());
        bind(Clock.class).toInstance(Clock.systemUTC());
        bind(ErrorTranslator.class).in(Singleton.class);
        bind(CommandRouter.class).in(Singleton.class);
        bind(ClickClaims.class).in(Singleton.class);
        bind(AccessPolicy.class).in(Singleton.class);
        bind(AuditLog.class).in(Singleton.class);
        Multibinder.newSetBinder(binder(), SlashCommand.class);
        Multibinder.newSetBinder(binder(), ButtonAction.class);
        Multibinder.newSetBinder(binder(), ModalSubmission.class);
        Multibinder.newSetBinder(binder(), Managed.class);
        Multibinder.newSetBinder(binder(), HomeSection.class);
    }

    @Provides
    @Singleton
    ConfigHolder configHolder()
    {
        ConfigLoader loader = new ConfigLoader(settings.environment(), Path.of("").toAbsolutePath(), sections);
        return new ConfigHolder(loader, settings.configFile(), initialConfig);
    }

    @Provides
    @Singleton
    static CurrentLanguage currentLanguage(ConfigHolder config)
    {
        return () -> config.current().locale();
    }

    @Provides
    @Singleton
    static Background background(Chat chat, ErrorTranslator translator)
    {
        return new Background(chat, translator);
    }

    @Provides
    @Singleton
    static HomeTab homeTab(Set<HomeSection> sections, Chat chat, Jdbc jdbc, Clock clock, CurrentLanguage language)
    {
        return new HomeTab(sections, chat, jdbc, clock, language);
    }

    @ProvidesIntoSet
    static Managed stopHomeTab(HomeTab home)
    {
        return Managed.closing(() -> home.shutdown(Duration.ofSeconds(1)));
    }

    /** Its threads end with Deckhand; capabilities wait for their own work earlier, while the outbox still delivers. */
    @ProvidesIntoSet
    static Managed stopBackground(Background background)
    {
        return Managed.closing(() -> background.shutdown(Duration.ofSeconds(1)));
    }
}
