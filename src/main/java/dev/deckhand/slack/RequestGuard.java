package dev.deckhand.slack;

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

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Closes what Bolt leaves open once a request is known to be Slack's (signature and timestamp
 * window are checked before Bolt sees an HTTP request, by {@link SlackEventsServlet}): a request
 * already handled (a Slack retry, a replay, a Socket Mode envelope delivered again) is acknowledged
 * without running again. Without the store nothing can be done once, so nothing is done, and the
 * person is told so.
 */
final class RequestGuard
        implements Middleware
{
    private static final Logger log = LoggerFactory.getLogger(RequestGuard.class);

    private final ProcessedRequests processed;
    private final ChatTransport transport;
    private final Background background;
    private final ErrorTranslator translator;
    private final SlackMessages messages;

    RequestGuard(ProcessedRequests processed, ChatTransport transport, Background background, ErrorTranslator translator, SlackMessages messages)
    {
        this.messages = requireNonNull(messages, "messages is null");
        this.processed = requireNonNull(processed, "processed is null");
        this.transport = requireNonNull(transport, "transport is null");
        this.background = requireNonNull(background, "background is null");
        this.translator = requireNonNull(translator, "translator is null");
    }

    @Override
    public Response apply(Request request, Response response, MiddlewareChain chain)
            throws Exception
    {
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
            return Answers.ephemeral(text);
        }
        if (request instanceof BlockActionRequest click) {
            // Slack shows nothing for a click's ack, so the answer goes to its response_url, after the ack.
            List<Click> clicks = Payloads.clicks(click.getPayload());
            if (!clicks.isEmpty()) {
                Click first = clicks.get(0);
                background.submit(messages.text().get("what.click"), first.conversation(), () -> first.conversation().responseUrl()
                        .ifPresent(url -> transport.reply(url, text, Optional.empty())));
            }
            return Response.ok();
        }
        if (request instanceof ViewSubmissionRequest) {
            return Answers.formSaying(messages.text(), text);
        }
        return Response.ok();
    }
}
