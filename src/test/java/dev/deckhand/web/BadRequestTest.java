package dev.deckhand.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The one place in {@code web} that turns bad HTTP input into a short 4xx, as the endpoints that come
 * next ({@code /hooks/ecr}, {@code /jobs/{job}/trigger}, {@code /ping/…}) will see it: a contributed
 * servlet throws {@link BadRequest} before it changes anything, and Jetty's own error pages say only the status.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadRequestTest
{
    private final AtomicInteger changes = new AtomicInteger();
    private WebServer server;

    @BeforeAll
    void start()
            throws Exception
    {
        server = new WebServer(new WebConfig("127.0.0.1", 0, Duration.ofMillis(800)), Set.of(
                new HttpEndpoint("/jobs/*", new TriggerServlet()),
                new HttpEndpoint("/boom", new HttpServlet()
                {
                    @Override
                    protected void doGet(HttpServletRequest request, HttpServletResponse response)
                    {
                        throw new IllegalStateException("secret detail of a bug");
                    }
                })));
        server.start();
    }

    @AfterAll
    void stop()
            throws Exception
    {
        server.stop();
    }

    @Test
    void aBadRequestFromAnEndpointIsItsStatusAndShortMessageAndChangesNothing()
            throws Exception
    {
        String unknownJob = send("POST /jobs/nightly HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
        String noToken = send("POST /jobs/static-build HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");

        assertThat(unknownJob).startsWith("HTTP/1.1 404 ").contains("Content-Type: text/plain").endsWith("\r\n\r\nThere is no job called that.\n");
        assertThat(noToken).startsWith("HTTP/1.1 401 ").endsWith("\r\n\r\nThe job's trigger needs its Bearer token.\n");
        assertThat(changes).hasValue(0);
    }

    @Test
    void bodiesAreReadWithinALimitAndInTime()
            throws Exception
    {
        String tooLarge = send("POST /jobs/static-build HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\nContent-Length: " + (RequestBodies.MAX_BODY + 1)
                + "\r\nConnection: close\r\n\r\n");
        String stalled = send("POST /jobs/static-build HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\nContent-Length: 50\r\nConnection: close\r\n\r\n{\"a\":");
        String fine = send("POST /jobs/static-build HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");

        assertThat(tooLarge).startsWith("HTTP/1.1 413 ");
        assertThat(stalled).startsWith("HTTP/1.1 408 ").endsWith("The request body did not arrive in time.\n");
        assertThat(fine).startsWith("HTTP/1.1 202 ");
        assertThat(changes).hasValue(1);
    }

    @Test
    void errorPagesNameNoExceptionAndShowNoStack()
            throws Exception
    {
        String bug = send("GET /boom HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        String bugAsJson = send("GET /boom HTTP/1.1\r\nHost: x\r\nAccept: application/json\r\nConnection: close\r\n\r\n");
        String notFound = send("GET /nothing/here HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        String wrongMethod = send("GET /jobs/static-build HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        String trace = send("TRACE /jobs/static-build HTTP/1.1\r\nHost: x\r\nX-Probe: ECHO\r\nConnection: close\r\n\r\n");

        assertThat(bug).startsWith("HTTP/1.1 500 ").endsWith("\r\n\r\n500 Server Error\n");
        assertThat(bugAsJson).startsWith("HTTP/1.1 500 ").endsWith("\r\n\r\n500 Server Error\n");
        assertThat(notFound).startsWith("HTTP/1.1 404 ").endsWith("\r\n\r\n404 Not Found\n");
        assertThat(wrongMethod).startsWith("HTTP/1.1 405 ").endsWith("\r\n\r\n405 Method Not Allowed\n");
        assertThat(trace).startsWith("HTTP/1.1 405 ").contains("Allow: GET, HEAD, POST").doesNotContain("ECHO");
        for (String response : List.of(bug, bugAsJson, notFound, wrongMethod, trace)) {
            assertThat(response).doesNotContain("secret").doesNotContain("Exception").doesNotContain("java.").doesNotContainIgnoringCase("jetty");
        }
    }

    @Test
    void aBadRequestIsAlwaysA4xx()
    {
        assertThatThrownBy(() -> new BadRequest(500, "no")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BadRequest(302, "no")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new BadRequest(422, "The tag is not one Deckhand knows.").getStackTrace()).isEmpty();
    }

    private String send(String request)
            throws IOException
    {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            InputStream input = socket.getInputStream();
            return new String(input.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Shaped like {@code POST /jobs/{job}/trigger}: checks what it was given, and only then does anything. */
    private final class TriggerServlet
            extends HttpServlet
    {
        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response)
                throws IOException
        {
            if (!"/static-build".equals(request.getPathInfo())) {
                throw new BadRequest(404, "There is no job called that.");
            }
            if (!"Bearer t".equals(request.getHeader("Authorization"))) {
                throw new BadRequest(401, "The job's trigger needs its Bearer token.");
            }
            RequestBodies.read(request, RequestBodies.MAX_BODY);
            changes.incrementAndGet();
            response.setStatus(202);
            response.getWriter().println("started");
        }
    }
}
