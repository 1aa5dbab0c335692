package dev.deckhand.slack;

import com.slack.api.Slack;
import com.slack.api.app_backend.SlackSignature;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.builtin.RequestVerification;
import com.slack.api.bolt.middleware.builtin.SSLCheck;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import dev.deckhand.chat.Chat;
import dev.deckhand.chat.Message;
import dev.deckhand.errors.ErrorTranslator;
import dev.deckhand.interaction.Background;
import dev.deckhand.interaction.Click;
import dev.deckhand.interaction.CommandRouter;
import dev.deckhand.interaction.Reply;
import dev.deckhand.outbox.ChatTransport;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Bolt wired to the router. Bolt's own authorization middleware is left out on purpose: it calls
 * auth.test at start and on requests, and Deckhand answers Slack without needing a token.
 */
final class SlackApp
{
    private static final Pattern ANY = Pattern.compile(".*");
    private static final Pattern ANY_COMMAND = Pattern.compile("/.+");

    private SlackApp() {}

    static App create(SlackSettings settings, Slack slack, CommandRouter router, ProcessedRequests processed,
            java.time.Clock clock, Chat chat, ChatTransport transport, Background background, ErrorTranslator translator, MeterRegistry metrics)
    {
        AppConfig config = AppConfig.builder()
                .signingSecret(settings.signingSecret().map(secret -> secret.value()).orElse(null))
                .singleTeamBotToken(settings.botToken().map(secret -> secret.value()).orElse(null))
                .slack(slack)
                .build();
        List<Middleware> middleware = new java.util.ArrayList<>();
        middleware.add(new SSLCheck(null));
        if (settings.signingSecret().isPresent()) {
            // Without a signing secret the Request URL takes nothing (Socket Mode only), so there is nothing to verify.
            middleware.add(new RequestVerification(new SlackSignature.Verifier(new SlackSignature.Generator(config.getSigningSecret()))));
        }
        middleware.add(new RequestGuard(processed, clock, transport, background, translator));
        App app = new App(config, slack, middleware);
        Timer ackLatency = Timer.builder("deckhand.ack.latency")
                .description("Time from receiving a Slack request to acknowledging it")
                .publishPercentileHistogram()
                .register(metrics);
        // Every command goes to the router, so one the manifest declares but no capability handles yet gets a hint, not a 404.
        app.command(ANY_COMMAND, (request, context) -> ackLatency.record(() -> command(router, translator, request, context)));
        app.blockAction(ANY, (request, context) -> ackLatency.record(() -> click(router, chat, background, translator, request, context)));
        app.viewSubmission(ANY, (request, context) -> ackLatency.record(() -> submit(router, translator, request, context)));
        return app;
    }

    private static Response command(CommandRouter router, ErrorTranslator translator, SlashCommandRequest request, SlashCommandContext context)
    {
        Reply reply = safely(translator, "command", () -> router.command(Payloads.invocation(request.getPayload())));
        return reply.message()
                .map(message -> context.ack(response -> response.responseType("ephemeral").text(message.text()).blocks(blocksOrNull(message))))
                .orElseGet(context::ack);
    }

    private static Response click(CommandRouter router, Chat chat, Background background, ErrorTranslator translator,
            BlockActionRequest request, ActionContext context)
    {
        BlockActionPayload payload = request.getPayload();
        for (BlockActionPayload.Action action : payload.getActions()) {
            Click click = Payloads.click(payload, action);
            Reply reply = safely(translator, "button", () -> router.click(click));
            // Tell the clicker after the ack: a response_url call inside the ack could push it past 3 s.
            reply.message().ifPresent(message -> background.submit("reply", click.conversation(),
                    () -> chat.ephemeral(click.conversation(), message)));
        }
        return context.ack();
    }

    private static Response submit(CommandRouter router, ErrorTranslator translator, ViewSubmissionRequest request, ViewSubmissionContext context)
    {
        Reply reply = safely(translator, "form", () -> router.submit(Payloads.submission(request.getPayload())));
        return reply.fieldErrors().isEmpty() ? context.ack() : context.ackWithErrors(reply.fieldErrors());
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
