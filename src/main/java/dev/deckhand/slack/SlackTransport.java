package dev.deckhand.slack;

import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.util.json.GsonFactory;
import com.slack.api.webhook.WebhookResponse;
import dev.deckhand.outbox.ChatTransport;
import dev.deckhand.outbox.DeliveryException.Kind;
import dev.deckhand.outbox.DeliveryException;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/** The outbox's wire to Slack: Web API calls whose failures are sorted into wait, retry and give up. */
final class SlackTransport
        implements ChatTransport
{
    private static final Set<String> TRANSIENT_ERRORS = Set.of("internal_error", "fatal_error", "service_unavailable", "request_timeout", "ratelimited");

    private final Slack slack;
    private final MethodsClient methods;

    SlackTransport(Slack slack, MethodsClient methods)
    {
        this.slack = requireNonNull(slack, "slack is null");
        this.methods = requireNonNull(methods, "methods is null");
    }

    @Override
    public String post(String channel, String text, Optional<String> blocks)
    {
        return call("chat.postMessage", () -> methods.chatPostMessage(request -> request.channel(channel).text(text).blocksAsString(blocks.orElse(null)))).getTs();
    }

    @Override
    public void update(String channel, String id, String text, Optional<String> blocks)
    {
        call("chat.update", () -> methods.chatUpdate(request -> request.channel(channel).ts(id).text(text).blocksAsString(blocks.orElse(null))));
    }

    @Override
    public void ephemeral(String channel, String user, String text, Optional<String> blocks)
    {
        call("chat.postEphemeral", () -> methods.chatPostEphemeral(request -> request.channel(channel).user(user).text(text).blocksAsString(blocks.orElse(null))));
    }

    @Override
    public void upload(String channel, String filename, String title, byte[] content)
    {
        call("files.uploadV2", () -> methods.filesUploadV2(request -> request.channel(channel).filename(filename).title(title).fileData(content)));
    }

    @Override
    public void reply(String responseUrl, String text, Optional<String> blocks)
    {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("response_type", "ephemeral");
        payload.put("replace_original", false);
        payload.put("text", text);
        String json = GsonFactory.createSnakeCase().toJson(payload);
        if (blocks.isPresent()) {
            json = json.substring(0, json.length() - 1) + ",\"blocks\":" + blocks.get() + "}";
        }
        try {
            WebhookResponse response = slack.send(responseUrl, json);
            if (response.getCode() == 429 || response.getCode() >= 500) {
                throw new DeliveryException(response.getCode() == 429 ? Kind.RATE_LIMITED : Kind.TRANSIENT, "response_url HTTP " + response.getCode(), Optional.empty(), null);
            }
            if (response.getCode() >= 300) {
                // An expired or used-up response URL: the reply cannot be delivered later either.
                throw new DeliveryException(Kind.PERMANENT, "response_url HTTP " + response.getCode(), Optional.empty(), null);
            }
        }
        catch (IOException e) {
            throw new DeliveryException(Kind.TRANSIENT, "response_url: " + e.getMessage(), Optional.empty(), e);
        }
    }

    @Override
    public String encode(List<LayoutBlock> blocks)
    {
        return GsonFactory.createSnakeCase().toJson(blocks);
    }

    private static <T extends SlackApiTextResponse> T call(String method, SlackCall<T> call)
    {
        T response;
        try {
            response = call.execute();
        }
        catch (IOException e) {
            throw new DeliveryException(Kind.TRANSIENT, method + ": " + e.getMessage(), Optional.empty(), e);
        }
        catch (SlackApiException e) {
            throw httpFailure(method, e);
        }
        if (!response.isOk()) {
            Kind kind = TRANSIENT_ERRORS.contains(response.getError()) ? Kind.TRANSIENT : Kind.PERMANENT;
            throw new DeliveryException(kind, response.getError(), Optional.empty(), null);
        }
        return response;
    }

    private static DeliveryException httpFailure(String method, SlackApiException e)
    {
        int code = e.getResponse().code();
        if (code == 429) {
            return new DeliveryException(Kind.RATE_LIMITED, "ratelimited", retryAfter(e.getResponse().header("Retry-After")), e);
        }
        Kind kind = code >= 500 || code == 408 ? Kind.TRANSIENT : Kind.PERMANENT;
        return new DeliveryException(kind, method + " HTTP " + code, Optional.empty(), e);
    }

    static Optional<Duration> retryAfter(String header)
    {
        try {
            return header == null ? Optional.empty() : Optional.of(Duration.ofSeconds(Math.max(1, Long.parseLong(header.trim()))));
        }
        catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @FunctionalInterface
    private interface SlackCall<T>
    {
        T execute()
                throws IOException, SlackApiException;
    }
}
