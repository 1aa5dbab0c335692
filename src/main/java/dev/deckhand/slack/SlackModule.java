package dev.deckhand.slack;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.ProvidesIntoSet;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.methods.MethodsClient;
import dev.deckhand.access.BuiltInAdmins;
import dev.deckhand.access.UserDirectory;
import dev.deckhand.chat.Chat;
import dev.deckhand.chat.LogChat;
import dev.deckhand.errors.ErrorTranslator;
import dev.deckhand.interaction.Background;
import dev.deckhand.interaction.ClickClaims;
import dev.deckhand.interaction.CommandRouter;
import dev.deckhand.interaction.HomeTab;
import dev.deckhand.lifecycle.Managed;
import dev.deckhand.outbox.ChatTransport;
import dev.deckhand.outbox.Outbox;
import dev.deckhand.tasks.TaskDefinition;
import dev.deckhand.text.CurrentLanguage;
import dev.deckhand.web.HttpEndpoint;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

/**
 * Slack: the Web API client, the Bolt app, the outbox's wire and the ledgers of handled requests.
 * The parts that depend on the settings are separate modules that {@code MainModule} chooses
 * between: posting to Slack or to the log, taking requests at the Request URL or not.
 */
public final class SlackModule
        extends AbstractModule
{
    private static final Logger log = LoggerFactory.getLogger(SlackModule.class);

    @Override
    protected void configure()
    {
        bind(ProcessedRequests.class).in(Singleton.class);
        bind(BuiltInAdmins.class).toInstance(new BuiltInAdmins(Set.of()));
    }

    /** With a bot token: messages go to Slack through the outbox, and user groups are asked of Slack. */
    public static Module postingToSlack()
    {
        return new AbstractModule()
        {
            @Provides
            @Singleton
            static Chat chat(Slack slack, MethodsClient methods, Outbox outbox, ChatTransport transport)
            {
                return outbox.chat(transport, new SlackChat(slack, methods));
            }

            @Provides
            @Singleton
            static UserDirectory userDirectory(MethodsClient methods, Clock clock)
            {
                return new SlackUserDirectory(methods, clock);
            }
        };
    }

    /** Without a bot token: messages go to the log, with one warning at start. */
    public static Module loggingInstead()
    {
        return new AbstractModule()
        {
            @Override
            protected void configure()
            {
                bind(Chat.class).to(LogChat.class);
                bind(LogChat.class).in(Singleton.class);
                bind(UserDirectory.class).toInstance(UserDirectory.none());
            }

            @ProvidesIntoSet
            static Managed warn()
            {
                return new Managed()
                {
                    @Override
                    public void start()
                    {
                        log.warn("SLACK_BOT_TOKEN is not set: Deckhand will write its messages to this log instead of posting them to Slack");
                    }

                    @Override
                    public void stop() {}
                };
            }
        };
    }

    /** With a signing secret: Slack's requests at {@code /slack/events}, each checked against it before anything reads it. */
    public static Module requestUrl()
    {
        return new AbstractModule()
        {
            @ProvidesIntoSet
            static HttpEndpoint events(App app, SlackSettings settings, Clock clock, CommandRouter router)
            {
                SignatureCheck signatures = new SignatureCheck(settings.signingSecret().orElseThrow(), clock);
                return new HttpEndpoint("/slack/events", new SlackEventsServlet(app, signatures, router));
            }
        };
    }

    /** Without one (Socket Mode only): the Request URL takes nothing, since nothing there could be trusted. */
    public static Module socketModeOnlyRequestUrl()
    {
        return new AbstractModule()
        {
            @ProvidesIntoSet
            static HttpEndpoint events()
            {
                return new HttpEndpoint("/slack/events", new SocketModeOnly());
            }
        };
    }

    @Provides
    @Singleton
    static Slack slack(SlackSettings settings)
    {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(settings.apiUrl());
        config.setPrettyResponseLoggingEnabled(false);
        // The SDK's call statistics look up the team with auth.test; Deckhand keeps its own metrics.
        config.getMethodsConfig().setStatsEnabled(false);
        return Slack.getInstance(config);
    }

    @Provides
    @Singleton
    static MethodsClient methods(Slack slack, SlackSettings settings)
    {
        return slack.methods(settings.botToken().map(secret -> secret.value()).orElse(null));
    }

    @Provides
    @Singleton
    static ChatTransport transport(Slack slack, MethodsClient methods, SlackSettings settings)
    {
        return new SlackTransport(slack, methods, settings.apiUrl());
    }

    @Provides
    @Singleton
    static App app(SlackSettings settings, Slack slack, CommandRouter router, ProcessedRequests processed,
            Chat chat, ChatTransport transport, Background background, ErrorTranslator translator, MeterRegistry metrics, CurrentLanguage language,
            HomeTab home)
    {
        return SlackApp.create(settings, slack, router, processed, chat, transport, background, translator, metrics, language, home);
    }

    /** Slack retries within minutes and buttons act within days: the ledgers of both are forgotten after that, hourly. */
    @ProvidesIntoSet
    static TaskDefinition forgetOldRequests(ProcessedRequests processed, ClickClaims claims)
    {
        return TaskDefinition.recurring("slack-ledgers", Duration.ofHours(1), () -> {
            int requests = processed.forgetOld();
            int clicks = claims.forgetOld();
            log.debug("forgot {} handled Slack requests and {} button claims", requests, clicks);
        });
    }

    @ProvidesIntoSet
    static Managed closeSlack(Slack slack)
    {
        return Managed.closing(slack);
    }

    /** The Request URL without a signing secret (Socket Mode only): nothing here can be trusted, so nothing is taken. */
    private static final class SocketModeOnly
            extends HttpServlet
    {
        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response)
                throws IOException
        {
            response.setStatus(404);
            response.setContentType("text/plain; charset=utf-8");
            response.getWriter().println("Deckhand takes Slack's requests over Socket Mode here; set SLACK_SIGNING_SECRET to take them at this URL too.");
        }
    }
}
