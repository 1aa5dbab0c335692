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
import okhttp3.HttpUrl;

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
    /** The one host a reply may go to over plain http: SLACK_API_URL's, when that is plain http itself (a fake Slack in tests). */
    private final Optional<String> plainHttpHost;

    /** {@code apiUrl} is SLACK_API_URL, which {@code methods} calls too. */
    SlackTransport(Slack slack, MethodsClient methods, String apiUrl)
    {
        this.slack = requireNonNull(slack, "slack is null");
        this.methods = requireNonNull(methods, "methods is null");
        this.plainHttpHost = Optional.ofNullable(HttpUrl.parse(requireNonNull(apiUrl, "apiUrl is null"))).filter(api -> !api.isHttps()).map(HttpUrl::host);
    }

    @Override
    public String post(String channel, String text, Optional<String> blocks)
    {
        return call("chat.postMessage", () -> methods.chatPostMessage(request -> request.channel(channel).text(text).blocksAsString(blocks.orElse(null)))).getTs();
    }

    @Override
    public String postInThread(String channel, String parentId, String text, Optional<String> blocks)
    {
        return call("chat.postMessage", () -> methods.chatPostMessage(request -> request.channel(channel).threadTs(parentId).text(text)
                .blocksAsString(blocks.orElse(null)))).getTs();
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
        Optional<String> refusal = refusal(responseUrl, plainHttpHost);
        if (refusal.isPresent()) {
            // No later try can make it a URL Deckhand sends to; and nothing here for a stack trace to explain.
            throw new DeliveryException(Kind.PERMANENT, refusal.get(), Optional.empty(), null);
        }
        try {
            WebhookResponse response = slack.send(responseUrl, replyJson(text, blocks));
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

    private static String replyJson(String text, Optional<String> blocks)
    {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("response_type", "ephemeral");
        payload.put("replace_original", false);
        payload.put("text", text);
        String json = GsonFactory.createSnakeCase().toJson(payload);
        return blocks.map(encoded -> json.substring(0, json.length() - 1) + ",\"blocks\":" + encoded + "}").orElse(json);
    }

    /**
     * Why a reply must not go to {@code responseUrl}, if it must not. Slack's response URLs are
     * https; plain http is taken only where SLACK_API_URL itself points over plain http (a fake
     * Slack in tests), so that a reply, which may say what a person asked for, never crosses a
     * network in the clear. The URL is parsed as the HTTP client will, so whatever passes can be
     * sent; the refusal names no more than scheme and host, since the rest of a response URL is
     * as good as a credential.
     */
    private static Optional<String> refusal(String responseUrl, Optional<String> plainHttpHost)
    {
        HttpUrl url = HttpUrl.parse(responseUrl);
        if (url == null) {
            return Optional.of("response_url is not a URL");
        }
        if (url.isHttps() || plainHttpHost.filter(url.host()::equals).isPresent()) {
            return Optional.empty();
        }
        return Optional.of("response_url is not https: " + url.scheme() + "://" + url.host());
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
