package dev.deckhand.slack;

import com.slack.api.app_backend.SlackSignature;
import com.slack.api.bolt.App;
import com.slack.api.bolt.jakarta_servlet.ServletAdapterOps;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.response.Response;
import com.slack.api.bolt.util.QueryStringParser;
import com.slack.api.bolt.util.SlackRequestParser;
import dev.deckhand.interaction.CommandRouter;
import dev.deckhand.web.BadRequest;
import dev.deckhand.web.RequestBodies;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The Request URL, {@code POST /slack/events}: what Bolt's {@code SlackAppServlet} does, in an order
 * that trusts nothing first. The body is read once within {@link RequestBodies#MAX_BODY}; the
 * signature and timestamp are checked over those exact bytes ({@link SignatureCheck}) before anything
 * parses them; only then does Bolt's own parser see the body, and what it cannot read is an
 * audited 400, never an exception. Forged or unsigned: 401 and one short log line, whatever the body.
 */
final class SlackEventsServlet
        extends HttpServlet
{
    private static final String INVALID = "invalid request";

    private final transient App app;
    private final transient SignatureCheck signatures;
    private final transient CommandRouter router;
    private final transient SlackRequestParser parser;

    SlackEventsServlet(App app, SignatureCheck signatures, CommandRouter router)
    {
        this.app = requireNonNull(app, "app is null");
        this.signatures = requireNonNull(signatures, "signatures is null");
        this.router = requireNonNull(router, "router is null");
        this.parser = new SlackRequestParser(app.config());
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException
    {
        byte[] body = RequestBodies.read(request, RequestBodies.MAX_BODY);
        signatures.refusal(headers(request, SlackSignature.HeaderNames.X_SLACK_REQUEST_TIMESTAMP),
                        headers(request, SlackSignature.HeaderNames.X_SLACK_SIGNATURE), body)
                .ifPresent(reason -> {
                    throw new BadRequest(401, INVALID, reason + ", " + body.length + " bytes from " + request.getRemoteAddr());
                });
        Request<?> slackRequest = parse(request, new String(body, StandardCharsets.UTF_8));
        ServletAdapterOps.writeResponse(response, run(slackRequest));
    }

    private Request<?> parse(HttpServletRequest request, String body)
    {
        Request<?> slackRequest;
        try {
            slackRequest = parser.parse(SlackRequestParser.HttpRequest.builder()
                    .requestUri(request.getRequestURI())
                    .queryString(QueryStringParser.toMap(request.getQueryString()))
                    .headers(new RequestHeaders(ServletAdapterOps.toHeaderMap(request)))
                    .requestBody(body)
                    .remoteAddress(request.getRemoteAddr())
                    .build());
        }
        catch (RuntimeException e) {
            // Signed, so from Slack or someone with the secret, yet not what Slack sends: bad percent-encoding, a payload that is not JSON, a missing view.
            throw unreadable("Deckhand could not read this Slack request.", "Bolt could not parse it: " + e.getClass().getSimpleName());
        }
        if (slackRequest == null) {
            throw unreadable("Deckhand does not handle this kind of Slack request.", "not a kind of request Bolt knows");
        }
        return slackRequest;
    }

    /** A signed request is audited even when nothing in it can be read, not even who sent it. */
    private BadRequest unreadable(String message, String why)
    {
        router.malformed("request", "unreadable", why, "", "", message);
        return new BadRequest(400, message, why);
    }

    /** The app answers every request itself ({@link ExceptionBarrier}); an exception here is a bug, which Jetty answers with a plain 500. */
    private Response run(Request<?> slackRequest)
            throws ServletException
    {
        try {
            return app.run(slackRequest);
        }
        catch (Exception e) {
            throw new ServletException("Bolt failed on a " + slackRequest.getRequestType() + " request", e);
        }
    }

    private static List<String> headers(HttpServletRequest request, String name)
    {
        return Collections.list(request.getHeaders(name));
    }
}
