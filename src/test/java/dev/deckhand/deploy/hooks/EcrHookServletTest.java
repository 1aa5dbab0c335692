package dev.deckhand.deploy.hooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.deckhand.config.Secret;
import dev.deckhand.testing.TestingLogs;
import dev.deckhand.testing.TestingSns;
import dev.deckhand.web.HttpEndpoint;
import dev.deckhand.web.WebConfig;
import dev.deckhand.web.WebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** {@code POST /hooks/ecr} behind a real Jetty, SNS played by {@link TestingSns}, pushes recorded. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EcrHookServletTest
{
    private static final String TOKEN = "ci-token-0123456789abcdef";
    private static final String TOPIC = "arn:aws:sns:ap-northeast-2:123456789012:deckhand-ecr";
    private static final String DIGEST = "sha256:" + "ab".repeat(32);
    private static final String CHILD_DIGEST = "sha256:" + "cd".repeat(32);
    private static final String UNAUTHORIZED = "This hook needs its bearer token or a signed SNS message.\n";
    /** Put in bodies that are refused; it must show up in no log line. */
    private static final String MARKER = "body-marker-7f3a";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path directory;

    private final AtomicReference<HooksConfig> config = new AtomicReference<>();
    private final List<ImagePushed> pushes = new CopyOnWriteArrayList<>();
    private final AtomicReference<RuntimeException> receiverFailure = new AtomicReference<>();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private TestingSns sns;
    /** The clock's fixed time: after the certificate's start, so it is valid. */
    private Instant now;
    private WebServer server;
    private TestingLogs logs;

    @BeforeAll
    void start()
            throws Exception
    {
        sns = TestingSns.start(directory);
        now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        // The loopback server on any port stands in for SNS's hosts; the default rule is SnsVerifierTest's.
        SnsFetch fetch = new SnsFetch(url -> "http".equals(url.getScheme()) && "127.0.0.1".equals(url.getHost()));
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        ImagePushes receiver = push -> {
            if (receiverFailure.get() != null) {
                throw receiverFailure.get();
            }
            pushes.add(push);
        };
        EcrHookServlet servlet = new EcrHookServlet(config::get, new SnsVerifier(config::get, fetch, clock), fetch, receiver, clock);
        server = new WebServer(new WebConfig("127.0.0.1", 0, Duration.ofSeconds(5)), Set.of(new HttpEndpoint(EcrHookServlet.PATH, servlet)));
        server.start();
    }

    @AfterAll
    void stop()
            throws Exception
    {
        server.stop();
        sns.close();
    }

    @BeforeEach
    void reset()
    {
        config.set(new HooksConfig(Optional.of(new Secret(TOKEN)), List.of(TOPIC)));
        pushes.clear();
        receiverFailure.set(null);
        logs = TestingLogs.capture();
    }

    @AfterEach
    void noBodyInTheLog()
    {
        assertThat(logs.since(0)).extracting(TestingLogs::line).noneMatch(line -> line.contains(MARKER));
        logs.close();
    }

    @Test
    void aSignedSnsNotificationIsTakenOnce()
            throws Exception
    {
        Answer answer = sns("Notification", sns.signed(sns.notification(TOPIC, "sns-1", event("ev-1", "PUSH", "SUCCESS", "sha-abc", DIGEST), now), 2));

        assertThat(answer).isEqualTo(new Answer(202, "{\"status\":\"accepted\"}"));
        assertThat(pushes).containsExactly(new ImagePushed("team/web", Optional.of("sha-abc"), DIGEST, Instant.parse("2025-01-31T09:30:00Z"), "sns-1", "sns"));
        assertThat(logs.since(0)).extracting(TestingLogs::line)
                .contains("dev.deckhand.deploy.hooks.EcrHookServlet took the push of team/web:sha-abc " + DIGEST + " via sns, event sns-1");
    }

    @Test
    void aBearerTokenCallIsTakenInEitherForm()
            throws Exception
    {
        Answer shortForm = bearer(TOKEN, "{\"repository\":\"web\",\"tag\":\"sha-abc\",\"digest\":\"" + DIGEST + "\"}");
        Answer withTime = bearer(TOKEN, "{\"repository\":\"web\",\"tag\":\"v1.2.0\",\"digest\":\"" + DIGEST + "\",\"pushedAt\":\"2025-01-31T18:30:00+09:00\"}");
        Answer event = bearer("bearer " + TOKEN, event("ev-2", "PUSH", "SUCCESS", "sha-def", DIGEST), "x-amz-sns-message-type", "Notification");

        assertThat(List.of(shortForm.status(), withTime.status(), event.status())).containsOnly(202);
        assertThat(pushes).containsExactly(
                new ImagePushed("web", Optional.of("sha-abc"), DIGEST, now, "token:web:sha-abc@" + DIGEST, "token"),
                new ImagePushed("web", Optional.of("v1.2.0"), DIGEST, Instant.parse("2025-01-31T09:30:00Z"), "token:web:v1.2.0@" + DIGEST, "token"),
                new ImagePushed("team/web", Optional.of("sha-def"), DIGEST, Instant.parse("2025-01-31T09:30:00Z"), "ev-2", "token"));
    }

    @Test
    void aWrongMissingOrUnsetTokenIs401AndPushesNothing()
            throws Exception
    {
        String push = "{\"repository\":\"" + MARKER + "\",\"tag\":\"sha-abc\",\"digest\":\"" + DIGEST + "\"}";
        List<Answer> answers = new ArrayList<>(List.of(
                bearer(TOKEN + "x", push),
                bearer(TOKEN.substring(1), push),
                post(push),
                post(push, "Authorization", "Basic " + TOKEN),
                post(push, "Authorization", "Bearer " + TOKEN, "Authorization", "Bearer " + TOKEN)));
        config.set(new HooksConfig(Optional.empty(), List.of(TOPIC)));
        answers.add(bearer(TOKEN, push));

        assertThat(answers).containsOnly(new Answer(401, UNAUTHORIZED));
        assertThat(pushes).isEmpty();
        assertThat(logs.since(0)).extracting(TestingLogs::line).contains(
                "dev.deckhand.web.BadRequestFilter POST /hooks/ecr answered 401: " + UNAUTHORIZED.strip() + " (the bearer token is not hooks.token, from 127.0.0.1)",
                "dev.deckhand.web.BadRequestFilter POST /hooks/ecr answered 401: " + UNAUTHORIZED.strip() + " (hooks.token is not set, so no bearer token is taken, from 127.0.0.1)");
    }

    @Test
    void anUnsignedForgedOrForeignSnsMessageIs401AndPushesNothing()
            throws Exception
    {
        String event = event(MARKER, "PUSH", "SUCCESS", "sha-abc", DIGEST);
        ObjectNode signed = sns.signed(sns.notification(TOPIC, "sns-f", event, now), 2);
        List<Answer> answers = new ArrayList<>(List.of(
                sns("Notification", sns.notification(TOPIC, "sns-u", event, now)),
                sns("Notification", signed.deepCopy().put("Message", event.replace("sha-abc", "sha-evil"))),
                sns("Notification", sns.signed(sns.notification(TOPIC.replace("deckhand-ecr", "other"), "sns-t", event, now), 2)),
                sns("Notification", sns.signed(sns.notification(TOPIC, "sns-h", event, now).put("SigningCertURL", "https://sns.s3.amazonaws.com/cert.pem"), 2)),
                sns("Notification", sns.signed(sns.notification(TOPIC, "sns-o", event, now.minus(Duration.ofHours(2))), 2))));
        config.set(new HooksConfig(Optional.of(new Secret(TOKEN)), List.of()));
        answers.add(sns("Notification", signed));

        assertThat(answers).containsOnly(new Answer(401, UNAUTHORIZED));
        assertThat(pushes).isEmpty();
        assertThat(logs.since(0)).extracting(TestingLogs::line).anyMatch(line -> line.endsWith("(hooks.snsTopics is empty, so no SNS topic is trusted, from 127.0.0.1)"));
    }

    @Test
    void aSubscriptionConfirmationIsConfirmedAtItsSubscribeUrl()
            throws Exception
    {
        Answer answer = sns("SubscriptionConfirmation", sns.signed(sns.subscriptionConfirmation(TOPIC, "sns-c", "tok-1", now), 2));
        ObjectNode elsewhere = sns.subscriptionConfirmation(TOPIC, "sns-c2", "tok-2", now).put("SubscribeURL", "https://sns.s3.amazonaws.com/?Token=tok-2");
        Answer untrusted = sns("SubscriptionConfirmation", sns.signed(elsewhere, 2));

        assertThat(answer).isEqualTo(new Answer(200, "{\"status\":\"confirmed\"}"));
        assertThat(sns.confirmations()).containsExactly("Action=ConfirmSubscription&TopicArn=" + TOPIC + "&Token=tok-1");
        assertThat(untrusted).isEqualTo(new Answer(401, UNAUTHORIZED));
        assertThat(pushes).isEmpty();
    }

    @Test
    void anUntaggedMultiArchChildIsPassedOnWithoutATag()
            throws Exception
    {
        ObjectNode child = JSON.readValue(event("ev-child", "PUSH", "SUCCESS", "unused", CHILD_DIGEST), ObjectNode.class);
        ((ObjectNode) child.get("detail")).remove("image-tag");

        Answer answer = sns("Notification", sns.signed(sns.notification(TOPIC, "sns-child", JSON.writeValueAsString(child), now), 1));

        assertThat(answer.status()).isEqualTo(202);
        assertThat(pushes).extracting(ImagePushed::tag, ImagePushed::digest, ImagePushed::eventId).containsExactly(tuple(Optional.empty(), CHILD_DIGEST, "sns-child"));
    }

    @Test
    void otherEcrEventsAreIgnored()
            throws Exception
    {
        Answer delete = sns("Notification", sns.signed(sns.notification(TOPIC, "sns-d", event("ev-d", "DELETE", "SUCCESS", "sha-abc", DIGEST), now), 2));
        Answer failed = bearer(TOKEN, event("ev-f", "PUSH", "FAILURE", "sha-abc", DIGEST));
        Answer scan = bearer(TOKEN, event("ev-s", "PUSH", "SUCCESS", "sha-abc", DIGEST).replace("ECR Image Action", "ECR Image Scan"));
        Answer unsubscribed = sns("UnsubscribeConfirmation",
                sns.signed(sns.subscriptionConfirmation(TOPIC, "sns-un", "tok-3", now).put("Type", "UnsubscribeConfirmation"), 2));

        assertThat(List.of(delete, failed, scan)).containsOnly(new Answer(200, "{\"status\":\"ignored\"}"));
        assertThat(unsubscribed).isEqualTo(new Answer(200, "{\"status\":\"unsubscribed\"}"));
        assertThat(pushes).isEmpty();
        assertThat(sns.confirmations()).noneMatch(query -> query.contains("tok-3"));
    }

    @Test
    void aBodyOfAnotherShapeIs400()
            throws Exception
    {
        assertThat(bearer(TOKEN, "not json " + MARKER)).isEqualTo(new Answer(400, "The body is not JSON.\n"));
        assertThat(bearer(TOKEN, "{\"repository\":\"web\",\"tag\":\"sha-abc\",\"digest\":\"" + DIGEST + "\",\"extra\":\"" + MARKER + "\"}"))
                .isEqualTo(new Answer(400, "The body is neither an ECR Image Action event nor {\"repository\", \"tag\", \"digest\", \"pushedAt\"?}.\n"));
        assertThat(bearer(TOKEN, "{\"repository\":\"web\",\"tag\":\"sha-abc\",\"digest\":\"sha256:" + MARKER + "\"}"))
                .isEqualTo(new Answer(400, "The digest is missing or not sha256:<64 hex digits>.\n"));
        assertThat(bearer(TOKEN, "{\"repository\":\"Web App\",\"tag\":\"sha-abc\",\"digest\":\"" + DIGEST + "\"}"))
                .isEqualTo(new Answer(400, "The repository name is missing or not an ECR repository name.\n"));
        assertThat(bearer(TOKEN, event("ev-t", "PUSH", "SUCCESS", "bad tag!", DIGEST))).isEqualTo(new Answer(400, "The tag is not an image tag.\n"));
        assertThat(sns("Notification", MARKER)).isEqualTo(new Answer(400, "The body is not an SNS message.\n"));
        assertThat(sns("Notification", sns.signed(sns.notification(TOPIC, "sns-g", "not an event " + MARKER, now), 2)))
                .isEqualTo(new Answer(400, "The notification's Message is not a JSON event.\n"));
        assertThat(sns("SubscriptionConfirmation", sns.signed(sns.notification(TOPIC, "sns-m", event("ev-m", "PUSH", "SUCCESS", "sha-abc", DIGEST), now), 2)))
                .isEqualTo(new Answer(400, "The x-amz-sns-message-type header does not match the message.\n"));
        assertThat(pushes).isEmpty();
    }

    @Test
    void aBodyOverTheLimitIs413()
            throws Exception
    {
        // Over a raw socket: the answer comes before the body, which a client still sending would see as a broken pipe.
        String declared = "POST " + EcrHookServlet.PATH + " HTTP/1.1\r\nHost: x\r\nContent-Length: " + (EcrHookServlet.MAX_BODY + 1) + "\r\nConnection: close\r\n";

        assertThat(raw(declared + "Authorization: Bearer " + TOKEN + "\r\n\r\n")).startsWith("HTTP/1.1 413 ").endsWith("\r\n\r\nThe request body is larger than 262144 bytes.\n");
        assertThat(raw(declared + "x-amz-sns-message-type: Notification\r\n\r\n")).startsWith("HTTP/1.1 413 ");
        assertThat(raw(declared + "Authorization: Bearer wrong-token\r\n\r\n")).as("no token, no reading").startsWith("HTTP/1.1 401 ");
        assertThat(pushes).isEmpty();
    }

    @Test
    void whatCannotBeDoneNowIsA5xxThatSnsAndCiRetry()
            throws Exception
    {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Answer noCertificate = sns("Notification", sns.signed(sns.notification(TOPIC, "sns-n", event("ev-n", "PUSH", "SUCCESS", "sha-abc", DIGEST), now)
                .put("SigningCertURL", "http://127.0.0.1:" + closed + "/cert.pem"), 2));
        receiverFailure.set(new IllegalStateException("the receiver's own bug"));
        Answer receiverFailed = bearer(TOKEN, "{\"repository\":\"web\",\"tag\":\"sha-abc\",\"digest\":\"" + DIGEST + "\"}");

        assertThat(noCertificate).isEqualTo(new Answer(503, "Deckhand could not check the SNS signature just now; SNS will retry.\n"));
        assertThat(receiverFailed.status()).isEqualTo(500);
        assertThat(receiverFailed.body()).matches("Deckhand could not take this push, ref [0-9a-f]{8}\\.\n");
        String ref = receiverFailed.body().substring("Deckhand could not take this push, ref ".length(), receiverFailed.body().length() - 2);
        // A bug behind the receiver is Deckhand's own: its stack trace is logged under the ref the caller saw.
        assertThat(logs.since(0)).extracting(TestingLogs::line)
                .contains("dev.deckhand.deploy.hooks.EcrHookServlet the receiver of ECR pushes failed on event token:web:sha-abc@" + DIGEST + ", ref " + ref + " java.lang.IllegalStateException");
        assertThat(pushes).isEmpty();
    }

    @Test
    void anSnsMessageWithBasicCredentialsIsStillSns()
            throws Exception
    {
        String body = JSON.writeValueAsString(sns.signed(sns.notification(TOPIC, "sns-b", event("ev-b", "PUSH", "SUCCESS", "sha-abc", DIGEST), now), 2));

        Answer answer = post(body, "x-amz-sns-message-type", "Notification", "Authorization", "Basic dXNlcjpwYXNz");

        assertThat(answer.status()).isEqualTo(202);
        assertThat(pushes).extracting(ImagePushed::eventId, ImagePushed::via).containsExactly(tuple("sns-b", "sns"));
    }

    /** An EventBridge "ECR Image Action" event as AWS documents it. */
    private static String event(String id, String action, String result, String tag, String digest)
    {
        return """
                {"version":"0","id":"%s","detail-type":"ECR Image Action","source":"aws.ecr","account":"123456789012",
                 "time":"2025-01-31T09:30:00Z","region":"ap-northeast-2","resources":[],
                 "detail":{"result":"%s","repository-name":"team/web","image-digest":"%s","action-type":"%s","image-tag":"%s"}}
                """.formatted(id, result, digest, action, tag);
    }

    private Answer sns(String type, ObjectNode message)
            throws IOException, InterruptedException
    {
        return sns(type, JSON.writeValueAsString(message));
    }

    private Answer sns(String type, String body)
            throws IOException, InterruptedException
    {
        return post(body, "x-amz-sns-message-type", type, "x-amz-sns-message-id", "id", "Content-Type", "text/plain; charset=UTF-8");
    }

    private Answer bearer(String token, String body, String... headers)
            throws IOException, InterruptedException
    {
        List<String> all = new ArrayList<>(List.of("Authorization", token.regionMatches(true, 0, "Bearer ", 0, 7) ? token : "Bearer " + token));
        all.addAll(List.of(headers));
        return post(body, all.toArray(String[]::new));
    }

    private Answer post(String body, String... headers)
            throws IOException, InterruptedException
    {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + EcrHookServlet.PATH))
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).as("no exception text in any answer")
                .doesNotContain("Exception").doesNotContain("java.").doesNotContain("\tat ").doesNotContain(MARKER).doesNotContainIgnoringCase("jetty");
        return new Answer(response.statusCode(), response.body());
    }

    private String raw(String request)
            throws IOException
    {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private record Answer(int status, String body) {}
}
