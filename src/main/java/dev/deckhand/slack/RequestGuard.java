package dev.deckhand.slack;

import com.slack.api.app_backend.SlackSignature;
import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.response.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * Runs after Bolt's signature check and closes what it leaves open: a timestamp more than
 * five minutes in the future is refused like a stale one, and a request already handled
 * (a Slack retry, a replay, a Socket Mode envelope delivered again) is acknowledged without
 * running again.
 */
final class RequestGuard
        implements Middleware
{
    private static final Logger log = LoggerFactory.getLogger(RequestGuard.class);
    static final Duration WINDOW = Duration.ofMinutes(5);

    private final ProcessedRequests processed;
    private final Clock clock;

    RequestGuard(ProcessedRequests processed, Clock clock)
    {
        this.processed = requireNonNull(processed, "processed is null");
        this.clock = requireNonNull(clock, "clock is null");
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
        if (!processed.firstTime(request.getRequestBodyAsString())) {
            log.info("ignored a repeated Slack request (retry {})", request.getHeaders().getFirstValue("X-Slack-Retry-Num"));
            return Response.ok();
        }
        return chain.next(request);
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
