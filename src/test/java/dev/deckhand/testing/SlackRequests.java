package dev.deckhand.testing;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** Sends requests to Deckhand the way Slack does: form-encoded, signed with the signing secret. */
public final class SlackRequests
{
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI events;
    private final String signingSecret;
    private final TestingSlack slack;

    public SlackRequests(int port, String signingSecret, TestingSlack slack)
    {
        this.events = URI.create("http://127.0.0.1:" + port + "/slack/events");
        this.signingSecret = signingSecret;
        this.slack = slack;
    }

    /** The body of a slash command from {@code user} in channel C0RUN (#ops). */
    public String slashCommand(String command, String text, String user)
    {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("token", "unused");
        form.put("team_id", "T0TEAM");
        form.put("team_domain", "example");
        form.put("channel_id", "C0RUN");
        form.put("channel_name", "ops");
        form.put("user_id", user);
        form.put("user_name", user.toLowerCase());
        form.put("command", command);
        form.put("text", text);
        form.put("api_app_id", "A0APP");
        form.put("response_url", slack.responseUrl(UUID.randomUUID().toString()));
        form.put("trigger_id", "trigger-" + UUID.randomUUID());
        return encode(form);
    }

    /** The body of a block_actions payload: {@code user} clicked {@code actionId} with {@code value}. */
    public String click(String actionId, String value, String user)
    {
        String payload = "{\"type\":\"block_actions\",\"team\":{\"id\":\"T0TEAM\"},\"user\":{\"id\":\"" + user + "\"},"
                + "\"api_app_id\":\"A0APP\",\"trigger_id\":\"trigger-" + UUID.randomUUID() + "\","
                + "\"channel\":{\"id\":\"C0RUN\",\"name\":\"ops\"},"
                + "\"container\":{\"type\":\"message\",\"message_ts\":\"1700000000.000100\",\"channel_id\":\"C0RUN\"},"
                + "\"response_url\":\"" + slack.responseUrl(UUID.randomUUID().toString()) + "\","
                + "\"actions\":[{\"type\":\"button\",\"action_id\":\"" + actionId + "\",\"block_id\":\"b\",\"value\":\"" + value + "\","
                + "\"action_ts\":\"1700000001.000000\"}]}";
        return "payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8);
    }

    /** The body of a view_submission of the form with {@code callbackId}, metadata and {@code values} by block id. */
    public String submit(String callbackId, String metadata, Map<String, String> values, String user)
    {
        String state = values.entrySet().stream()
                .map(entry -> "\"" + entry.getKey() + "\":{\"value\":{\"type\":\"plain_text_input\",\"value\":\"" + entry.getValue() + "\"}}")
                .collect(Collectors.joining(",", "{\"values\":{", "}}"));
        String payload = "{\"type\":\"view_submission\",\"team\":{\"id\":\"T0TEAM\"},\"user\":{\"id\":\"" + user + "\"},\"api_app_id\":\"A0APP\","
                + "\"view\":{\"id\":\"V1\",\"type\":\"modal\",\"callback_id\":\"" + callbackId + "\",\"private_metadata\":"
                + quote(metadata) + ",\"state\":" + state + "}}";
        return "payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8);
    }

    /** The body of an {@code app_home_opened} event: {@code user} opened Deckhand's Home tab. */
    public String appHomeOpened(String user)
    {
        return appHomeOpened(user, "home");
    }

    /** As {@link #appHomeOpened(String)} for any tab ({@code home}, {@code messages}, {@code about}). */
    public String appHomeOpened(String user, String tab)
    {
        return event("{\"type\":\"app_home_opened\",\"user\":\"" + user + "\",\"channel\":\"D0HOME\",\"tab\":\"" + tab + "\","
                + "\"event_ts\":\"1700000002.000100\"}");
    }

    /** The body of an Events API delivery (event_callback) carrying {@code eventJson}, with a fresh event id. */
    public String event(String eventJson)
    {
        return "{\"token\":\"unused\",\"team_id\":\"T0TEAM\",\"api_app_id\":\"A0APP\",\"event\":" + eventJson + ","
                + "\"type\":\"event_callback\",\"event_id\":\"Ev" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase() + "\","
                + "\"event_time\":" + Instant.now().getEpochSecond() + "}";
    }

    /** Sends a JSON body (an event, a url_verification) signed, with Content-Type application/json as Slack does. */
    public HttpResponse<String> sendJson(String body)
            throws IOException, InterruptedException
    {
        String seconds = Long.toString(Instant.now().getEpochSecond());
        HttpRequest request = HttpRequest.newBuilder(events)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("X-Slack-Request-Timestamp", seconds)
                .header("X-Slack-Signature", sign(seconds, body))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Sends {@code body} and returns the reply as JSON text without Gson's \\u003c escapes, so tests can look for {@code <@U…>}. */
    public String reply(String body)
            throws IOException, InterruptedException
    {
        HttpResponse<String> response = send(body);
        if (response.statusCode() != 200) {
            throw new AssertionError("HTTP " + response.statusCode() + ": " + response.body());
        }
        return Json.decoded(response.body());
    }

    public HttpResponse<String> send(String body)
            throws IOException, InterruptedException
    {
        return send(body, Instant.now(), Map.of());
    }

    /** Sends {@code body} signed as if at {@code timestamp}, with extra headers (e.g. X-Slack-Retry-Num). */
    public HttpResponse<String> send(String body, Instant timestamp, Map<String, String> headers)
            throws IOException, InterruptedException
    {
        String seconds = Long.toString(timestamp.getEpochSecond());
        HttpRequest.Builder request = post(body)
                .header("X-Slack-Request-Timestamp", seconds)
                .header("X-Slack-Signature", sign(seconds, body));
        headers.forEach(request::header);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends with the given signature headers as they are (possibly missing or wrong). */
    public HttpResponse<String> sendRaw(String body, Map<String, String> headers)
            throws IOException, InterruptedException
    {
        HttpRequest.Builder request = post(body);
        headers.forEach(request::header);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public String sign(String timestamp, String body)
    {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "v0=" + HexFormat.of().formatHex(mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8)));
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest.Builder post(String body)
    {
        return HttpRequest.newBuilder(events)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static String encode(Map<String, String> form)
    {
        return form.entrySet().stream()
                .map(entry -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String quote(String text)
    {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
