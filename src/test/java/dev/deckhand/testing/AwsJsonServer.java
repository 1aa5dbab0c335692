package dev.deckhand.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fake AWS service on loopback speaking the AWS JSON 1.1 protocol as the real SDK does: POST
 * {@code /}, the operation in {@code X-Amz-Target}, a SigV4 {@code Authorization} header whose scope
 * names the service, JSON bodies, and errors as HTTP 400 with {@code {"__type":…,"message":…}}.
 * Counts calls per operation, answers ThrottlingException or AccessDeniedException on demand, and
 * keeps every call it received (operation, the region it was signed for, the body).
 */
public abstract class AwsJsonServer
        implements AutoCloseable
{
    static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final Pattern CREDENTIAL = Pattern.compile("AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request, SignedHeaders=[^,]+, Signature=[0-9a-f]{64}");

    private final String targetPrefix;
    private final String signingName;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final Map<String, Integer> calls = new TreeMap<>();
    private final List<Call> received = new ArrayList<>();
    private final Set<String> denied = new HashSet<>();
    private final Map<String, CountDownLatch> holds = new TreeMap<>();
    private final Map<String, Integer> waiting = new TreeMap<>();
    private int throttlesLeft;
    private int throttled;

    /** {@code targetPrefix}: {@code AmazonSSM}; {@code signingName}: the service in the signature's scope, {@code ssm}. */
    AwsJsonServer(String targetPrefix, String signingName)
    {
        this.targetPrefix = targetPrefix + ".";
        this.signingName = signingName;
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

    /** Where the SDK is pointed ({@code AWS_ENDPOINT_URL_…}). */
    public URI endpoint()
    {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** How many calls of {@code operation} ({@code SendCommand}) arrived, throttled and refused ones included. */
    public synchronized int calls(String operation)
    {
        return calls.getOrDefault(operation, 0);
    }

    /** Calls per operation so far. */
    public synchronized Map<String, Integer> calls()
    {
        return Map.copyOf(calls);
    }

    /** Every call received, in arrival order. */
    public synchronized List<Call> received()
    {
        return List.copyOf(received);
    }

    public synchronized List<Call> received(String operation)
    {
        return received.stream().filter(call -> call.operation().equals(operation)).toList();
    }

    /** The next {@code count} calls, of any operation, answer ThrottlingException (the SDK retries them). */
    public synchronized void throttle(int count)
    {
        throttlesLeft = count;
    }

    /** How many calls were answered ThrottlingException. */
    public synchronized int throttled()
    {
        return throttled;
    }

    /** Every call of {@code operation} answers AccessDeniedException, as when the IAM policy lacks it. */
    public synchronized void denyAccess(String operation)
    {
        denied.add(operation);
    }

    /** Undoes {@link #denyAccess}: the policy was fixed. */
    public synchronized void allowAccess(String operation)
    {
        denied.remove(operation);
    }

    /** Calls of {@code operation} arriving from now on wait, unanswered and uncounted, until {@link #release}: a slow or hung AWS, or a caller killed mid-call. */
    public synchronized void hold(String operation)
    {
        holds.putIfAbsent(operation, new CountDownLatch(1));
    }

    /** Lets the held calls of {@code operation} go on (their callers may be gone by then) and answers the next ones at once. */
    public synchronized void release(String operation)
    {
        CountDownLatch hold = holds.remove(operation);
        if (hold != null) {
            hold.countDown();
        }
    }

    /** How many calls of {@code operation} are waiting in {@link #hold}. */
    public synchronized int waiting(String operation)
    {
        return waiting.getOrDefault(operation, 0);
    }

    /** The operation's answer, called with this server's lock held; request bodies are the SDK's JSON. */
    abstract Answer answer(String operation, JsonNode request);

    static Answer ok(JsonNode body)
    {
        return new Answer(200, body.toString());
    }

    static Answer error(String type, String message)
    {
        ObjectNode body = JSON.createObjectNode().put("__type", type).put("message", message);
        return new Answer(400, body.toString());
    }

    static ObjectNode object()
    {
        return JSON.createObjectNode();
    }

    static ArrayNode strings(Iterable<String> values)
    {
        ArrayNode array = JSON.createArrayNode();
        values.forEach(array::add);
        return array;
    }

    /** JSON 1.1 timestamps: seconds since the epoch, with a fraction. */
    static BigDecimal timestamp(Instant instant)
    {
        return BigDecimal.valueOf(instant.toEpochMilli(), 3);
    }

    static List<String> textList(JsonNode array)
    {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    /** An offset as the opaque next token: the SDK hands it back unchanged. */
    static String token(int offset)
    {
        return "page-" + offset;
    }

    /** The offset a next token names; -1 for a token this fake did not give. */
    static int offset(JsonNode request, String field)
    {
        String token = request.path(field).asText("");
        if (token.isEmpty()) {
            return 0;
        }
        return token.startsWith("page-") ? Integer.parseInt(token.substring("page-".length())) : -1;
    }

    private void handle(HttpExchange exchange)
            throws IOException
    {
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        Answer answer = answer(exchange, new String(bytes, StandardCharsets.UTF_8));
        exchange.getResponseHeaders().add("Content-Type", CONTENT_TYPE);
        exchange.getResponseHeaders().add("x-amzn-RequestId", UUID.randomUUID().toString());
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answer.status(), body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private Answer answer(HttpExchange exchange, String body)
    {
        String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
        if (!exchange.getRequestMethod().equals("POST") || !exchange.getRequestURI().getPath().equals("/") || !target.startsWith(targetPrefix)) {
            return error("UnknownOperationException", "not an operation of this service: " + exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + target);
        }
        if (!String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")).startsWith(CONTENT_TYPE)) {
            return error("SerializationException", "Content-Type must be " + CONTENT_TYPE);
        }
        Matcher credential = CREDENTIAL.matcher(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        if (!credential.matches() || !credential.group(4).equals(signingName)) {
            return new Answer(403, object().put("__type", "MissingAuthenticationTokenException").put("message", "Missing or malformed SigV4 signature for " + signingName).toString());
        }
        String operation = target.substring(targetPrefix.length());
        JsonNode request;
        try {
            request = JSON.readTree(body.isEmpty() ? "{}" : body);
        }
        catch (IOException e) {
            return error("SerializationException", "the body is not JSON");
        }
        if (!waitIfHeld(operation)) {
            return error("ServiceUnavailable", "the fake was closed while holding " + operation);
        }
        synchronized (this) {
            calls.merge(operation, 1, Integer::sum);
            received.add(new Call(operation, credential.group(3), request, Instant.now()));
            if (throttlesLeft > 0) {
                throttlesLeft--;
                throttled++;
                return error("ThrottlingException", "Rate exceeded");
            }
            if (denied.contains(operation)) {
                return error("AccessDeniedException", "User: arn:aws:sts::123456789012:assumed-role/deckhand/i-0 is not authorized to perform: "
                        + signingName + ":" + operation + " because no identity-based policy allows the " + signingName + ":" + operation + " action");
            }
            return answer(operation, request);
        }
    }

    /** False when interrupted while held (the fake is closing). */
    private boolean waitIfHeld(String operation)
    {
        CountDownLatch hold;
        synchronized (this) {
            hold = holds.get(operation);
            if (hold == null) {
                return true;
            }
            waiting.merge(operation, 1, Integer::sum);
        }
        try {
            hold.await();
            return true;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        finally {
            synchronized (this) {
                waiting.merge(operation, -1, Integer::sum);
            }
        }
    }

    @Override
    public void close()
    {
        synchronized (this) {
            holds.values().forEach(CountDownLatch::countDown);
        }
        server.stop(0);
        executor.shutdownNow();
    }

    /** A call as received: its operation, the region its signature is for, its JSON body, and when it arrived. */
    public record Call(String operation, String region, JsonNode body, Instant at) {}

    record Answer(int status, String body) {}
}
