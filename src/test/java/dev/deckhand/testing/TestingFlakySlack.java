package dev.deckhand.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A fake Slack Web API whose trouble tests switch on and off, or set to end at a moment: every
 * call failing with a status, 429s with Retry-After, and Slack's limit of one post per channel
 * per interval. Records what it accepted, in arrival order, and every call it answered.
 */
public final class TestingFlakySlack
        implements AutoCloseable
{
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final List<Accepted> accepted = new ArrayList<>();
    private final List<Answered> answered = new ArrayList<>();
    private final Map<String, Instant> lastPost = new HashMap<>();
    private final Map<String, String> uploads = new HashMap<>();
    private final Map<String, String> threads = new HashMap<>();
    private int failStatus;
    private Instant failUntil = Instant.MAX;
    private int rateLimitsLeft;
    private long retryAfterSeconds = 1;
    private Duration minPostInterval = Duration.ZERO;
    private int rateLimited;
    private int failed;
    private long nextTs = 1;

    public TestingFlakySlack()
    {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public String apiUrl()
    {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
    }

    /** Every call answers {@code status} until {@link #recover()}. */
    public synchronized void failWith(int status)
    {
        failStatus = status;
        failUntil = Instant.MAX;
    }

    /** Every call answers {@code status} until {@code healthyFrom} (wall-clock time), however many calls come: an outage defined by time. */
    public synchronized void failUntil(Instant healthyFrom, int status)
    {
        failStatus = status;
        failUntil = healthyFrom;
    }

    /** The next {@code count} calls answer 429 with Retry-After. */
    public synchronized void rateLimit(int count, Duration retryAfter)
    {
        rateLimitsLeft = count;
        retryAfterSeconds = Math.max(1, retryAfter.toSeconds());
    }

    public synchronized void recover()
    {
        failStatus = 0;
        failUntil = Instant.MAX;
        rateLimitsLeft = 0;
    }

    /** A post to a channel sooner than {@code interval} after the last accepted one there gets a 429, as Slack does. */
    public synchronized void enforcePostInterval(Duration interval)
    {
        minPostInterval = interval;
    }

    public synchronized List<Accepted> accepted()
    {
        return List.copyOf(accepted);
    }

    public synchronized int rateLimited()
    {
        return rateLimited;
    }

    public synchronized int failed()
    {
        return failed;
    }

    /** For an accepted post, the {@code thread_ts} it was sent with: the ts of the message whose thread it replies in; empty for a post of its own. */
    public synchronized Optional<String> threadOf(String ts)
    {
        return Optional.ofNullable(threads.get(ts));
    }

    /** Every Web API call answered (uploads of file bytes not included), in arrival order. */
    public synchronized List<Answered> answered()
    {
        return List.copyOf(answered);
    }

    private void handle(HttpExchange exchange)
            throws IOException
    {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getPath();
        Answer answer = path.startsWith("/upload/") ? received(path.substring("/upload/".length()), body) : answer(path.replace("/api/", ""), form(body));
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        byte[] answered = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answer.status(), answered.length);
        exchange.getResponseBody().write(answered);
        exchange.close();
    }

    private synchronized Answer answer(String method, Map<String, String> form)
    {
        Instant now = Instant.now();
        Answer answer = answer(method, form, now);
        answered.add(new Answered(method, answer.status(), now));
        return answer;
    }

    private Answer answer(String method, Map<String, String> form, Instant now)
    {
        if (failing(now)) {
            failed++;
            return new Answer(failStatus, "{\"ok\":false,\"error\":\"upstream\"}", Map.of());
        }
        if (rateLimitsLeft > 0 || (method.equals("chat.postMessage") && tooSoon(form.get("channel"), now))) {
            rateLimitsLeft = Math.max(0, rateLimitsLeft - 1);
            rateLimited++;
            return new Answer(429, "{\"ok\":false,\"error\":\"ratelimited\"}", Map.of("Retry-After", Long.toString(retryAfterSeconds)));
        }
        return switch (method) {
            case "chat.postMessage" -> {
                String ts = "1700000000." + String.format("%06d", nextTs++);
                lastPost.put(form.get("channel"), now);
                if (form.containsKey("thread_ts")) {
                    threads.put(ts, form.get("thread_ts"));
                }
                accepted.add(new Accepted("post", form.get("channel"), ts, form.getOrDefault("text", ""), now));
                yield new Answer(200, "{\"ok\":true,\"channel\":\"" + form.get("channel") + "\",\"ts\":\"" + ts + "\"}", Map.of());
            }
            case "chat.update" -> {
                accepted.add(new Accepted("update", form.get("channel"), form.get("ts"), form.getOrDefault("text", ""), now));
                yield new Answer(200, "{\"ok\":true,\"channel\":\"" + form.get("channel") + "\",\"ts\":\"" + form.get("ts") + "\"}", Map.of());
            }
            case "files.getUploadURLExternal" -> {
                String file = "F" + nextTs++;
                yield new Answer(200, "{\"ok\":true,\"upload_url\":\"http://127.0.0.1:" + server.getAddress().getPort() + "/upload/" + file
                        + "\",\"file_id\":\"" + file + "\"}", Map.of());
            }
            case "files.completeUploadExternal" -> {
                String file = form.get("files").replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
                accepted.add(new Accepted("upload", form.get("channel_id"), file, uploads.getOrDefault(file, ""), now));
                yield new Answer(200, "{\"ok\":true,\"files\":[{\"id\":\"" + file + "\"}]}", Map.of());
            }
            default -> new Answer(200, "{\"ok\":true}", Map.of());
        };
    }

    /** The bytes of a file sent to the upload URL that files.getUploadURLExternal handed out. */
    private synchronized Answer received(String file, String body)
    {
        if (failing(Instant.now())) {
            failed++;
            return new Answer(failStatus, "upstream", Map.of());
        }
        uploads.put(file, body);
        return new Answer(200, "OK - " + body.length(), Map.of());
    }

    private boolean failing(Instant now)
    {
        return failStatus != 0 && now.isBefore(failUntil);
    }

    private boolean tooSoon(String channel, Instant now)
    {
        Instant last = lastPost.get(channel);
        return last != null && Duration.between(last, now).compareTo(minPostInterval) < 0;
    }

    private static Map<String, String> form(String body)
    {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    @Override
    public void close()
    {
        server.stop(0);
        executor.shutdownNow();
    }

    /**
     * A post, edit or file the fake accepted: for a post, {@code ts} is the one it handed out; for an edit, the one it edited;
     * for a file, its id, and {@code text} is what was uploaded.
     */
    public record Accepted(String kind, String channel, String ts, String text, Instant at) {}

    /** A Web API call and the status it got. */
    public record Answered(String method, int status, Instant at) {}

    private record Answer(int status, String body, Map<String, String> headers) {}
}
