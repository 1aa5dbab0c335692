package dev.deckhand.app;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import dev.deckhand.access.AccessPolicy;
import dev.deckhand.audit.AuditLog;
import dev.deckhand.chat.Background;
import dev.deckhand.chat.ButtonAction;
import dev.deckhand.chat.Chat;
import dev.deckhand.chat.ErrorTranslator;
import dev.deckhand.chat.ModalSubmission;
import dev.deckhand.chat.SlashCommand;
import dev.deckhand.config.ConfigHolder;
import dev.deckhand.config.ConfigLoader;
import dev.deckhand.config.DeckhandConfig;
import dev.deckhand.config.Environment;
import dev.deckhand.lifecycle.Managed;
import dev.deckhand.slack.ClickClaims;
import dev.deckhand.slack.CommandRouter;
import dev.deckhand.slack.SlackSettings;
import dev.deckhand.store.StoreConfig;
import dev.deckhand.web.WebConfig;

import java.nio.file.Path;
import java.time.Clock;

import static java.util.Objects.requireNonNull;

/** What every mode shares: the environment and config, the clock, routing, access, audit and background work. */
final class PlatformModule
        extends AbstractModule
{
    private final Environment environment;
    private final DeckhandConfig initialConfig;
    private final StoreConfig storeConfig;

    PlatformModule(Environment environment, DeckhandConfig initialConfig, StoreConfig storeConfig)
    {
        this.environment = requireNonNull(environment, "environment is null");
        this.initialConfig = requireNonNull(initialConfig, "initialConfig is null");
        this.storeConfig = requireNonNull(storeConfig, "storeConfig is null");
    }

    @Override
    protected void configure()
    {
        bind(Environment.class).toInstance(environment);
        bind(StoreConfig.class).toInstance(storeConfig);
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
    }

    @Provides
    @Singleton
    ConfigHolder configHolder()
    {
        Path workingDirectory = Path.of("").toAbsolutePath();
        return new ConfigHolder(new ConfigLoader(environment, workingDirectory), environment.configFile(), initialConfig);
    }

    @Provides
    @Singleton
    static SlackSettings slackSettings(Environment environment)
    {
        return SlackSettings.from(environment);
    }

    @Provides
    @Singleton
    static WebConfig webConfig(Environment environment)
    {
        return new WebConfig(environment.port());
    }

    @Provides
    @Singleton
    static Background background(Chat chat, ErrorTranslator translator)
    {
        return new Background(chat, translator);
    }
}
