package dev.deckhand.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * SNS as a test plays it: an RSA key and a self-signed certificate made by the JDK's own keytool,
 * the certificate served and a {@code SubscribeURL} answered by a loopback HTTP server (which
 * counts both), and messages signed the way AWS documents ({@code Key\nValue\n} per signed field).
 */
public final class TestingSns
        implements AutoCloseable
{
    private static final String PASSWORD = "changeit";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> NOTIFICATION = List.of("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type");
    private static final List<String> CONFIRMATION = List.of("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type");

    private final PrivateKey key;
    private final HttpServer server;
    private final AtomicInteger certificateFetches = new AtomicInteger();
    private final List<String> confirmations = new CopyOnWriteArrayList<>();

    private TestingSns(PrivateKey key, byte[] certificate)
            throws IOException
    {
        this.key = key;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/cert.pem", exchange -> {
            certificateFetches.incrementAndGet();
            answer(exchange, 200, certificate);
        });
        server.createContext("/huge.pem", exchange -> answer(exchange, 200, new byte[1024 * 1024]));
        server.createContext("/missing.pem", exchange -> answer(exchange, 404, new byte[0]));
        server.createContext("/confirm", exchange -> {
            confirmations.add(exchange.getRequestURI().getRawQuery());
            answer(exchange, 200, "<ConfirmSubscriptionResponse/>".getBytes(StandardCharsets.UTF_8));
        });
        server.start();
    }

    /** Makes the key and certificate in {@code directory} with keytool, and serves them. */
    public static TestingSns start(Path directory)
            throws IOException, GeneralSecurityException, InterruptedException
    {
        Path store = directory.resolve("sns.p12");
        Path pem = directory.resolve("sns.pem");
        keytool("-genkeypair", "-alias", "sns", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname", "CN=sns.test",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "sns", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", PASSWORD, "-file", pem.toString());
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream input = Files.newInputStream(store)) {
            keys.load(input, PASSWORD.toCharArray());
        }
        return new TestingSns((PrivateKey) keys.getKey("sns", PASSWORD.toCharArray()), Files.readAllBytes(pem));
    }

    /** A URL on the loopback server: {@code /cert.pem}, {@code /huge.pem} (1 MiB), {@code /missing.pem} (404), {@code /confirm}. */
    public URI url(String pathAndQuery)
    {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery);
    }

    public URI certificateUrl()
    {
        return url("/cert.pem");
    }

    /** True for a URL of this server: what a test's trust rule allows instead of AWS's hosts. */
    public boolean serves(URI url)
    {
        return "http".equals(url.getScheme()) && "127.0.0.1".equals(url.getHost()) && url.getPort() == server.getAddress().getPort();
    }

    public int certificateFetches()
    {
        return certificateFetches.get();
    }

    /** The query of each {@code /confirm} GET, in order. */
    public List<String> confirmations()
    {
        return List.copyOf(confirmations);
    }

    /** A Notification carrying {@code message}, unsigned: sign it with {@link #signed}. */
    public ObjectNode notification(String topic, String messageId, String message, Instant timestamp)
    {
        return JSON.createObjectNode()
                .put("Type", "Notification")
                .put("MessageId", messageId)
                .put("TopicArn", topic)
                .put("Message", message)
                .put("Timestamp", timestamp.toString())
                .put("UnsubscribeURL", url("/unsubscribe").toString());
    }

    public ObjectNode subscriptionConfirmation(String topic, String messageId, String token, Instant timestamp)
    {
        return JSON.createObjectNode()
                .put("Type", "SubscriptionConfirmation")
                .put("MessageId", messageId)
                .put("Token", token)
                .put("TopicArn", topic)
                .put("Message", "You have chosen to subscribe to the topic " + topic + ".\nTo confirm the subscription, visit the SubscribeURL included in this message.")
                .put("SubscribeURL", url("/confirm?Action=ConfirmSubscription&TopicArn=" + topic + "&Token=" + token).toString())
                .put("Timestamp", timestamp.toString());
    }

    /** {@code message} with {@code SignatureVersion}, {@code SigningCertURL} (this server's unless it has one) and {@code Signature} added. */
    public ObjectNode signed(ObjectNode message, int version)
    {
        ObjectNode signed = message.deepCopy();
        signed.put("SignatureVersion", String.valueOf(version));
        if (!signed.has("SigningCertURL")) {
            signed.put("SigningCertURL", certificateUrl().toString());
        }
        signed.put("Signature", sign(stringToSign(signed), version));
        return signed;
    }

    public String sign(String text, int version)
    {
        try {
            Signature signature = Signature.getInstance(version == 1 ? "SHA1withRSA" : "SHA256withRSA");
            signature.initSign(key);
            signature.update(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String stringToSign(ObjectNode message)
    {
        StringBuilder text = new StringBuilder();
        for (String field : message.path("Type").asText().equals("Notification") ? NOTIFICATION : CONFIRMATION) {
            if (message.hasNonNull(field)) {
                text.append(field).append('\n').append(message.get(field).asText()).append('\n');
            }
        }
        return text.toString();
    }

    @Override
    public void close()
    {
        server.stop(0);
    }

    private static void answer(HttpExchange exchange, int status, byte[] body)
            throws IOException
    {
        exchange.getRequestBody().readAllBytes();
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (var output = exchange.getResponseBody()) {
            output.write(body);
        }
    }

    private static void keytool(String... arguments)
            throws IOException, InterruptedException
    {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("keytool " + arguments[0] + " failed: " + output);
        }
    }
}
