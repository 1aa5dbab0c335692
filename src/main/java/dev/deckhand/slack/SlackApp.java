package dev.deckhand.slack;

import com.slack.api.Slack;
import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.context.Context;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.builtin.SSLCheck;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestType;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.AppHomeOpenedEvent;
import dev.deckhand.chat.Chat;
import dev.deckhand.chat.Message;
import dev.deckhand.errors.ErrorTranslator;
import dev.deckhand.interaction.Background;
import dev.deckhand.interaction.Click;
import dev.deckhand.interaction.HomeTab;
import dev.deckhand.interaction.CommandRouter;
import dev.deckhand.interaction.Invocation;
import dev.deckhand.interaction.Reply;
import dev.deckhand.interaction.Submission;
import dev.deckhand.outbox.ChatTransport;
import dev.deckhand.text.CurrentLanguage;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Bolt wired to the router. Bolt's own authorization middleware is left out on purpose: it calls
 * auth.test at start and on requests, and Deckhand answers Slack without needing a token. Bolt's
 * {@code RequestVerification} is left out on purpose too: {@link SlackEventsServlet} checks the
 * signature and timestamp over the exact bytes received, before Bolt parses anything, and Socket
 * Mode requests (which Bolt would not check either) come over Deckhand's own authenticated WebSocket.
 */
final class SlackApp
{
    private static final Logger log = LoggerFactory.getLogger(SlackApp.class);
    private static final Pattern ANY = Pattern.compile(".*");
    private static final Pattern ANY_COMMAND = Pattern.compile("/.+");

    private SlackApp() {}

    static App create(SlackSettings settings, Slack slack, CommandRouter router, ProcessedRequests processed, Chat chat, ChatTransport transport,
            Background background, ErrorTranslator translator, MeterRegistry metrics, CurrentLanguage language, HomeTab home)
    {
        SlackMessages messages = new SlackMessages(language);
        AppConfig config = AppConfig.builder()
                .signingSecret(settings.signingSecret().map(secret -> secret.value()).orElse(null))
                .singleTeamBotToken(settings.botToken().map(secret -> secret.value()).orElse(null))
                .unmatchedRequestHandler(request -> unmatched(router, messages, request))
                .slack(slack)
                .build();
        List<Middleware> middleware = List.of(new ExceptionBarrier(translator, messages), new SSLCheck(null), new RequestGuard(processed, transport, background, translator, messages));
        App app = new App(config, slack, new java.util.ArrayList<>(middleware));
        Timer ackLatency = Timer.builder("deckhand.ack.latency")
                .description("Time from receiving a Slack request to acknowledging it")
                .publishPercentileHistogram()
                .register(metrics);
        // Every command goes to the router, so one the manifest declares but no capability handles yet gets a hint, not a 404.
        app.command(ANY_COMMAND, (request, context) -> ackLatency.record(() -> command(router, translator, messages, request, context)));
        app.blockAction(ANY, (request, context) -> ackLatency.record(() -> click(router, chat, background, translator, messages, request, context)));
        app.viewSubmission(ANY, (request, context) -> ackLatency.record(() -> submit(router, translator, messages, request, context)));
        app.event(AppHomeOpenedEvent.class, (payload, context) -> ackLatency.record(() -> homeOpened(home, background, messages, payload, context)));
        return app;
    }

    private static Response command(CommandRouter router, ErrorTranslator translator, SlackMessages messages, SlashCommandRequest request, SlashCommandContext context)
    {
        Reply reply;
        try {
            Invocation invocation = Payloads.invocation(request.getPayload());
            reply = safely(translator, messages.text().get("what.command"), () -> router.command(invocation));
        }
        catch (MalformedRequest malformed) {
            reply = refuse(router, messages, malformed);
        }
        return reply.message()
                .map(message -> context.ack(response -> response.responseType("ephemeral")
                        .text(Answers.bounded(message.text(), Answers.MAX_REPLY)).blocks(blocksOrNull(message))))
                .orElseGet(context::ack);
    }

    private static Response click(CommandRouter router, Chat chat, Background background, ErrorTranslator translator, SlackMessages messages,
            BlockActionRequest request, ActionContext context)
    {
        List<Click> clicks;
        try {
            clicks = Payloads.clicks(request.getPayload());
        }
        catch (MalformedRequest malformed) {
            // Slack shows nothing for a click's answer; the refusal is audited and said on the wire.
            return Answers.error(400, refuse(router, messages, malformed).message().map(Message::text).orElse(malformed.reason()));
        }
        for (Click click : clicks) {
            Reply reply = safely(translator, messages.text().get("what.click"), () -> router.click(click));
            // Tell the clicker after the ack: a response_url call inside the ack could push it past 3 s.
            reply.message().ifPresent(message -> background.submit(messages.text().get("what.reply"), click.conversation(),
                    () -> chat.ephemeral(click.conversation(), message)));
        }
        return context.ack();
    }

    private static Response submit(CommandRouter router, ErrorTranslator translator, SlackMessages messages, ViewSubmissionRequest request, ViewSubmissionContext context)
    {
        Reply reply;
        try {
            Submission submission = Payloads.submission(request.getPayload());
            reply = safely(translator, messages.text().get("what.form"), () -> router.submit(submission));
        }
        catch (MalformedRequest malformed) {
            reply = refuse(router, messages, malformed);
        }
        if (!reply.fieldErrors().isEmpty()) {
            return context.ackWithErrors(Answers.fieldErrors(reply.fieldErrors()));
        }
        // A form that just closed would say nothing: what the handler has to say replaces the form instead.
        return reply.message().map(message -> Answers.formSaying(messages.text(), message.text())).orElseGet(context::ack);
    }

    /** Someone opened Deckhand's App Home tab: acknowledged at once, the tab published after the ack. Other tabs publish nothing. */
    private static Response homeOpened(HomeTab home, Background background, SlackMessages messages, EventsApiPayload<AppHomeOpenedEvent> payload,
            EventContext context)
    {
        Payloads.homeOpened(payload.getEvent())
                .ifPresent(viewer -> background.submit(messages.text().get("what.home"), viewer, () -> home.opened(viewer.userId())));
        return context.ack();
    }

    /** A signed request Deckhand has no handler for (a shortcut, a select menu's options): audited, and refused with a 400; events are acknowledged. */
    private static Response unmatched(CommandRouter router, SlackMessages messages, Request<?> request)
    {
        if (request.getRequestType() == RequestType.Event) {
            log.debug("acknowledged an event Deckhand does not handle");
            return Response.ok();
        }
        String kind = request.getRequestType().name().toLowerCase(Locale.ROOT);
        String userId = Optional.ofNullable(request.getContext()).map(Context::getRequestUserId).orElse("");
        Reply reply = router.malformed(kind, kind, "", userId, "", messages.text().get("unhandled", "kind", kind));
        log.info("refused a Slack {} request: Deckhand has no handler for it", kind);
        return Answers.error(400, reply.message().map(Message::text).orElse(kind));
    }

    private static Reply refuse(CommandRouter router, SlackMessages messages, MalformedRequest malformed)
    {
        log.info("refused a malformed Slack {}: {}", malformed.kind(), malformed.reason());
        return router.malformed(malformed.kind(), malformed.action(), malformed.detail(), malformed.userId(), malformed.channelId(),
                messages.text().get("malformed", "reason", malformed.reason()));
    }

    private static Reply safely(ErrorTranslator translator, String what, java.util.function.Supplier<Reply> work)
    {
        try {
            return work.get();
        }
        catch (RuntimeException e) {
            return Reply.of(Message.text(translator.translate(what, e).text()));
        }
    }

    private static List<com.slack.api.model.block.LayoutBlock> blocksOrNull(Message message)
    {
        return message.blocks().isEmpty() ? null : message.blocks();
    }
}
