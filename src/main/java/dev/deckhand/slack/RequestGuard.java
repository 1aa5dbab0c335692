package dev.deckhand.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.app_backend.SlackSignature;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import dev.deckhand.errors.ErrorTranslator;
import dev.deckhand.interaction.Background;
import dev.deckhand.interaction.Click;
import dev.deckhand.outbox.ChatTransport;
import dev.deckhand.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Runs after Bolt's signature check and closes what it leaves open: a timestamp more than
 * five minutes in the future is refused like a stale one, and a request already handled
 * (a Slack retry, a replay, a Socket Mode envelope delivered again) is acknowledged without
 * running again. Without the store it does nothing and says so.
 */
final class RequestGuard
        implements Middleware
{
    private static final Logger log = LoggerFactory.getLogger(RequestGuard.class);
    static final Duration WINDOW = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ProcessedRequests processed;
    private final Clock clock;
    private final ChatTransport transport;
    private final Background background;
    private final ErrorTranslator translator;

    RequestGuard(ProcessedRequests processed, Clock clock, ChatTransport transport, Background background, ErrorTranslator translator)
    {
        this.processed = requireNonNull(processed, "processed is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.transport = requireNonNull(transport, "transport is null");
        this.background = requireNonNull(background, "background is null");
        this.translator = requireNonNull(translator, "translator is null");
    }

    @Override
    public Response apply(Request request, Response response, MiddlewareChain chain)
            throws Exception
    {
        if (!request.isSocketMode()) {
            String timestamp = request.getHeaders().getFirstValue(SlackSignature.HeaderNames.X_SLACK_REQUEST_TIMESTAMP);
            if (!withinWindow(timestamp)) {
                log.warn("refused a request with timestamp {} (more than {} from now)", timestamp, WINDOW);
                return Response.json(401, "{\"error\":\"invalid request\"}");
            }
        }
        // Slack redelivers an envelope it saw no ack for, over HTTP or Socket Mode alike.
        boolean firstTime;
        try {
            firstTime = processed.firstTime(request.getRequestBodyAsString());
        }
        catch (StoreException e) {
            log.warn("did not handle a Slack request ({}): {}", request.getRequestType(), e.getMessage());
            return storeDown(request, e);
        }
        if (!firstTime) {
            log.info("ignored a repeated Slack request (retry {})", request.getHeaders().getFirstValue("X-Slack-Retry-Num"));
            return Response.ok();
        }
        return chain.next(request);
    }

    /**
     * Without the store nothing can be done once, so nothing is done; the person is told so
     * within Slack's 3 s instead of seeing Slack's own "operation timed out".
     */
    private Response storeDown(Request<?> request, StoreException failure)
    {
        String text = translator.nothingDone(failure);
        if (request instanceof SlashCommandRequest) {
            return Response.json(200, JSON.createObjectNode().put("response_type", "ephemeral").put("text", text).toString());
        }
        if (request instanceof BlockActionRequest click && !click.getPayload().getActions().isEmpty()) {
            // Slack shows nothing for a click's ack, so the answer goes to its response_url, after the ack.
            Click first = Payloads.click(click.getPayload(), click.getPayload().getActions().get(0));
            background.submit("your click", first.conversation(), () -> first.conversation().responseUrl()
                    .ifPresent(url -> transport.reply(url, text, Optional.empty())));
            return Response.ok();
        }
        if (request instanceof ViewSubmissionRequest) {
            return Response.json(200, formSaying(text));
        }
        return Response.ok();
    }

    /** A form submission's answer that replaces the form with {@code text} and a Close button. */
    private static String formSaying(String text)
    {
        ObjectNode answer = JSON.createObjectNode().put("response_action", "update");
        ObjectNode view = answer.putObject("view").put("type", "modal");
        view.putObject("title").put("type", "plain_text").put("text", "Deckhand");
        view.putObject("close").put("type", "plain_text").put("text", "Close");
        view.putArray("blocks").addObject().put("type", "section")
                .putObject("text").put("type", "mrkdwn").put("text", text);
        return answer.toString();
    }

    private boolean withinWindow(String timestamp)
    {
        try {
            long seconds = Long.parseLong(timestamp);
            return Math.abs(clock.instant().getEpochSecond() - seconds) <= WINDOW.toSeconds();
        }
        catch (NumberFormatException | NullPointerException e) {
            return false;
        }
    }
}
