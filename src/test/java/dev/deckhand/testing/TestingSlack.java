package dev.deckhand.testing;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/** A fake Slack Web API on loopback that answers like Slack and records every call, so tests assert what Slack received. */
public final class TestingSlack
        implements AutoCloseable
{
    private final WireMockServer server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());

    public TestingSlack()
    {
        server.start();
        stubOk("chat.postMessage", "{\"ok\":true,\"channel\":\"C0RUN\",\"ts\":\"1700000000.000100\"}");
        stubOk("chat.update", "{\"ok\":true,\"channel\":\"C0RUN\",\"ts\":\"1700000000.000100\"}");
        stubOk("chat.postEphemeral", "{\"ok\":true,\"message_ts\":\"1700000000.000200\"}");
        stubOk("views.open", "{\"ok\":true,\"view\":{\"id\":\"V1\"}}");
        stubOk("views.publish", "{\"ok\":true,\"view\":{\"id\":\"VHOME\",\"type\":\"home\"}}");
        stubOk("usergroups.users.list", "{\"ok\":true,\"users\":[\"U0FRONT\"]}");
        stubOk("files.getUploadURLExternal", "{\"ok\":true,\"upload_url\":\"" + baseUrl() + "upload/F0OUT\",\"file_id\":\"F0OUT\"}");
        stubOk("files.completeUploadExternal", "{\"ok\":true,\"files\":[{\"id\":\"F0OUT\",\"title\":\"output\"}]}");
        server.stubFor(post(urlPathMatching("/upload/.*")).willReturn(aResponse().withStatus(200).withBody("OK - 1")));
        server.stubFor(post(urlPathMatching("/response/.*")).willReturn(aResponse().withStatus(200).withBody("ok")));
        server.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withStatus(404).withBody("not faked")));
    }

    /** The Web API base URL, as SLACK_API_URL. */
    public String apiUrl()
    {
        return "http://127.0.0.1:" + server.port() + "/api/";
    }

    public String responseUrl(String id)
    {
        return baseUrl() + "response/" + id;
    }

    /** Makes {@code method} answer with {@code json} from now on. */
    public void stubOk(String method, String json)
    {
        server.stubFor(post(urlEqualTo("/api/" + method)).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8").withBody(json)));
    }

    /** Makes {@code method} fail with HTTP {@code status} from now on, as Slack does in an outage. */
    public void stubStatus(String method, int status)
    {
        server.stubFor(post(urlEqualTo("/api/" + method)).willReturn(aResponse().withStatus(status).withBody("upstream trouble")));
    }

    /** Makes {@code method} answer HTTP 429 with {@code Retry-After: seconds} from now on, as Slack does when called too often. */
    public void stubRateLimited(String method, int seconds)
    {
        server.stubFor(post(urlEqualTo("/api/" + method)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", Integer.toString(seconds))
                .withHeader("Content-Type", "application/json; charset=utf-8").withBody("{\"ok\":false,\"error\":\"ratelimited\"}")));
    }

    /** Forgets the calls recorded so far. */
    public void forgetCalls()
    {
        server.resetRequests();
    }

    /** Form parameters of each call to a Web API method, oldest first. */
    public List<Map<String, String>> calls(String method)
    {
        return requests("/api/" + method).stream().map(request -> form(request.getBodyAsString())).toList();
    }

    /** Like {@link #calls} with JSON-valued params (blocks, view) decoded so {@code <@U…>} reads as written. */
    public List<Map<String, String>> decodedCalls(String method)
    {
        return calls(method).stream().map(call -> {
            Map<String, String> decoded = new LinkedHashMap<>();
            call.forEach((key, value) -> decoded.put(key, Json.decoded(value)));
            return decoded;
        }).toList();
    }

    /** As {@link #decodedCalls}, each with when the fake received it (millisecond precision), oldest first. */
    public List<Call> timedCalls(String method)
    {
        return requests("/api/" + method).stream().map(request -> {
            Map<String, String> decoded = new LinkedHashMap<>();
            form(request.getBodyAsString()).forEach((key, value) -> decoded.put(key, Json.decoded(value)));
            return new Call(request.getLoggedDate().toInstant(), decoded);
        }).toList();
    }

    /** The chat.postMessage calls made as replies in the thread of the message {@code threadTs} (their {@code thread_ts}), decoded, oldest first. */
    public List<Map<String, String>> threadReplies(String threadTs)
    {
        return decodedCalls("chat.postMessage").stream().filter(call -> threadTs.equals(call.get("thread_ts"))).toList();
    }

    /** The views published with views.publish as {@code userId}'s Home tab, as decoded JSON, oldest first. */
    public List<String> homeViews(String userId)
    {
        return decodedCalls("views.publish").stream()
                .filter(call -> userId.equals(call.get("user_id")))
                .map(call -> call.getOrDefault("view", ""))
                .toList();
    }

    /** Raw bodies sent to paths starting with {@code prefix}, such as {@code /response/} or {@code /upload/F0OUT}, oldest first. */
    public List<String> bodies(String prefix)
    {
        return server.findAll(anyRequestedFor(anyUrl())).stream()
                .filter(request -> request.getUrl().startsWith(prefix))
                .sorted(Comparator.comparing(LoggedRequest::getLoggedDate))
                .map(request -> Json.decoded(request.getBodyAsString()))
                .toList();
    }

    public int requestCount()
    {
        return server.findAll(anyRequestedFor(anyUrl())).size();
    }

    private List<LoggedRequest> requests(String path)
    {
        return server.findAll(anyRequestedFor(anyUrl())).stream()
                .filter(request -> request.getUrl().equals(path))
                .sorted(Comparator.comparing(LoggedRequest::getLoggedDate))
                .toList();
    }

    private String baseUrl()
    {
        return "http://127.0.0.1:" + server.port() + "/";
    }

    private static Map<String, String> form(String body)
    {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                form.put(decode(pair.substring(0, equals)), decode(pair.substring(equals + 1)));
            }
        }
        return form;
    }

    private static String decode(String text)
    {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    @Override
    public void close()
    {
        server.stop();
    }

    /** A Web API call as received: when, and its decoded form parameters. */
    public record Call(Instant at, Map<String, String> params)
    {
        public Call
        {
            params = Map.copyOf(params);
        }

        public String param(String name)
        {
            return params.getOrDefault(name, "");
        }
    }
}
