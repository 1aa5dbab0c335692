package dev.deckhand.deploy.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.deckhand.config.Secret;
import dev.deckhand.config.Tokens;
import dev.deckhand.deploy.hooks.EcrEvents.Ignored;
import dev.deckhand.deploy.hooks.EcrEvents.Reading;
import dev.deckhand.deploy.hooks.EcrEvents.Taken;
import dev.deckhand.web.BadRequest;
import dev.deckhand.web.RequestBodies;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * {@code POST /hooks/ecr}: a push to ECR, authenticated before anything acts on the body. With
 * {@code Authorization: Bearer <hooks.token>} the body is an EventBridge event or Deckhand's short
 * form; otherwise it must be an SNS message ({@code x-amz-sns-message-type}) that {@link SnsVerifier}
 * takes: a notification carries the event, a subscription confirmation is confirmed. A taken push
 * goes to {@link ImagePushes} and is answered 202; an ignored event or a confirmation 200; no or a
 * wrong token, or an SNS message not verified, 401; a body of another shape 400; over
 * {@link #MAX_BODY} 413. The log says why in one line, never with the body.
 */
final class EcrHookServlet
        extends HttpServlet
{
    static final String PATH = "/hooks/ecr";
    static final int MAX_BODY = 256 * 1024;
    static final String SNS_TYPE = "x-amz-sns-message-type";
    private static final int MAX_CONFIRMATION = 64 * 1024;
    private static final String UNAUTHORIZED = "This hook needs its bearer token or a signed SNS message.";
    private static final Logger log = LoggerFactory.getLogger(EcrHookServlet.class);

    private final transient Supplier<HooksConfig> config;
    private final transient SnsVerifier verifier;
    private final transient SnsFetch fetch;
    private final transient ImagePushes pushes;
    private final transient Clock clock;

    EcrHookServlet(Supplier<HooksConfig> config, SnsVerifier verifier, SnsFetch fetch, ImagePushes pushes, Clock clock)
    {
        this.config = requireNonNull(config, "config is null");
        this.verifier = requireNonNull(verifier, "verifier is null");
        this.fetch = requireNonNull(fetch, "fetch is null");
        this.pushes = requireNonNull(pushes, "pushes is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws IOException
    {
        List<String> authorization = headers(request, "Authorization");
        List<String> types = headers(request, SNS_TYPE);
        // SNS sends Basic credentials when the subscription's URL has them; only a bearer token makes a call CI's.
        boolean bearer = authorization.stream().anyMatch(header -> Tokens.bearer(header).isPresent());
        if (!types.isEmpty() && !bearer) {
            fromSns(request, response, types);
            return;
        }
        if (!authorization.isEmpty()) {
            fromToken(request, response, authorization);
            return;
        }
        throw unauthorized("neither a bearer token nor an SNS message", request);
    }

    private void fromToken(HttpServletRequest request, HttpServletResponse response, List<String> authorization)
            throws IOException
    {
        authenticate(authorization, request);
        JsonNode body = EcrEvents.parse(RequestBodies.read(request, MAX_BODY));
        answer(EcrEvents.isEvent(body) ? EcrEvents.event(body, Optional.empty(), "token") : new Taken(EcrEvents.shortForm(body, clock.instant())), response);
    }

    private void authenticate(List<String> authorization, HttpServletRequest request)
    {
        Optional<Secret> token = config.get().token();
        if (token.isEmpty()) {
            throw unauthorized("hooks.token is not set, so no bearer token is taken", request);
        }
        if (authorization.size() != 1) {
            throw unauthorized(authorization.size() + " Authorization headers", request);
        }
        Optional<String> given = Tokens.bearer(authorization.get(0));
        if (given.isEmpty()) {
            throw unauthorized("the Authorization is not a bearer token", request);
        }
        if (!Tokens.matches(given.get(), token.get())) {
            throw unauthorized("the bearer token is not hooks.token", request);
        }
    }

    private void fromSns(HttpServletRequest request, HttpServletResponse response, List<String> types)
            throws IOException
    {
        if (types.size() != 1) {
            throw new BadRequest(400, "The x-amz-sns-message-type header must come once.", types.size() + " of them");
        }
        byte[] body = RequestBodies.read(request, MAX_BODY);
        SnsMessage message;
        try {
            message = verifier.verify(body);
        }
        catch (SnsRefusal refusal) {
            refuse(refusal, request, response);
            return;
        }
        if (!message.type().wireName().equals(types.get(0))) {
            throw new BadRequest(400, "The x-amz-sns-message-type header does not match the message.", "a " + message.type().wireName() + " under another header");
        }
        switch (message.type()) {
            case NOTIFICATION -> answer(EcrEvents.event(EcrEvents.parseMessage(message.message()), Optional.of(message.messageId()), "sns"), response);
            case SUBSCRIPTION_CONFIRMATION -> confirm(message, request, response);
            case UNSUBSCRIBE_CONFIRMATION -> {
                log.info("SNS unsubscribed the ECR hook from {}", message.topicArn());
                json(response, 200, "unsubscribed");
            }
        }
    }

    private void refuse(SnsRefusal refusal, HttpServletRequest request, HttpServletResponse response)
            throws IOException
    {
        switch (refusal.kind()) {
            case MALFORMED -> throw new BadRequest(400, "The body is not an SNS message.", refusal.getMessage());
            case REFUSED -> throw unauthorized(refusal.getMessage(), request);
            case UNAVAILABLE -> {
                log.warn("POST {} answered 503: {}", PATH, refusal.getMessage());
                plain(response, 503, "Deckhand could not check the SNS signature just now; SNS will retry.");
            }
        }
    }

    /** The subscription starts when its SubscribeURL is fetched; SNS signed it, and it must still be an SNS host. */
    private void confirm(SnsMessage message, HttpServletRequest request, HttpServletResponse response)
            throws IOException
    {
        URI url = message.subscribeUrl().orElseThrow();
        if (!fetch.trusts(url)) {
            throw unauthorized("the SubscribeURL is not an https://sns.<region>.amazonaws.com/ URL", request);
        }
        int status;
        try {
            status = fetch.get(url, MAX_CONFIRMATION).status();
        }
        catch (IOException e) {
            status = 0;
            log.warn("could not confirm the SNS subscription to {}: {}", message.topicArn(), e.getClass().getSimpleName());
        }
        if (status / 100 != 2) {
            log.warn("POST {} answered 503: the SubscribeURL answered {}", PATH, status == 0 ? "nothing" : String.valueOf(status));
            plain(response, 503, "Deckhand could not confirm the subscription just now; SNS will retry.");
            return;
        }
        log.info("confirmed the SNS subscription of the ECR hook to {}", message.topicArn());
        json(response, 200, "confirmed");
    }

    private void answer(Reading reading, HttpServletResponse response)
            throws IOException
    {
        if (reading instanceof Taken taken) {
            take(taken.push(), response);
            return;
        }
        log.debug("ignored an ECR event: {}", ((Ignored) reading).why());
        json(response, 200, "ignored");
    }

    private void take(ImagePushed push, HttpServletResponse response)
            throws IOException
    {
        try {
            pushes.pushed(push);
        }
        catch (RuntimeException e) {
            // A bug or an outage behind the receiver: a 5xx, so SNS and CI retry.
            String ref = UUID.randomUUID().toString().substring(0, 8);
            log.error("the receiver of ECR pushes failed on event {}, ref {}", push.eventId(), ref, e);
            plain(response, 500, "Deckhand could not take this push, ref " + ref + ".");
            return;
        }
        log.info("took the push of {}:{} {} via {}, event {}", push.repository(), push.tag().orElse("(untagged)"), push.digest(), push.via(), push.eventId());
        json(response, 202, "accepted");
    }

    private static BadRequest unauthorized(String why, HttpServletRequest request)
    {
        return new BadRequest(401, UNAUTHORIZED, why + ", from " + request.getRemoteAddr());
    }


    private static void json(HttpServletResponse response, int status, String outcome)
            throws IOException
    {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"status\":\"" + outcome + "\"}");
    }

    private static void plain(HttpServletResponse response, int status, String message)
            throws IOException
    {
        response.setStatus(status);
        response.setContentType("text/plain; charset=utf-8");
        response.getWriter().println(message);
    }

    private static List<String> headers(HttpServletRequest request, String name)
    {
        return Collections.list(request.getHeaders(name));
    }
}
