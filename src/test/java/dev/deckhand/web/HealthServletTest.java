package dev.deckhand.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class HealthServletTest
{
    private final CountDownLatch never = new CountDownLatch(1);
    private HealthServlet servlet;

    @AfterEach
    void release()
    {
        never.countDown();
        servlet.destroy();
    }

    @Test
    void checksAreReportedInNameOrderAndAllHealthyIs200()
            throws Exception
    {
        servlet = new HealthServlet(Set.of(check("store", () -> new HealthCheck.Status(true, "reachable")), check("outbox", () -> new HealthCheck.Status(true, "0 queued"))));

        Answer answer = get();

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("{\"checks\":{\"outbox\":{\"healthy\":true,\"detail\":\"0 queued\"},\"store\":{\"healthy\":true,\"detail\":\"reachable\"}},\"status\":\"ok\"}");
    }

    @Test
    void aCheckThatHangsOrThrowsIsUnhealthyAndTheOthersStillAnswerInTime()
            throws Exception
    {
        servlet = new HealthServlet(Set.of(
                check("store", () -> {
                    try {
                        never.await();
                    }
                    catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return new HealthCheck.Status(true, "too late");
                }),
                check("other", () -> {
                    throw new IllegalStateException("boom");
                }),
                check("outbox", () -> new HealthCheck.Status(true, "0 queued"))));

        long started = System.nanoTime();
        Answer answer = get();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(HealthServlet.LIMIT.plusSeconds(1));
        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.body()).isEqualTo("{\"checks\":{"
                + "\"other\":{\"healthy\":false,\"detail\":\"the check failed: boom\"},"
                + "\"outbox\":{\"healthy\":true,\"detail\":\"0 queued\"},"
                + "\"store\":{\"healthy\":false,\"detail\":\"no answer within 3 s\"}},\"status\":\"unhealthy\"}");
    }

    private Answer get()
            throws Exception
    {
        StringWriter body = new StringWriter();
        HttpServletResponse response = mock(HttpServletResponse.class);
        when(response.getWriter()).thenReturn(new PrintWriter(body));
        servlet.doGet(mock(HttpServletRequest.class), response);
        ArgumentCaptor<Integer> status = ArgumentCaptor.forClass(Integer.class);
        verify(response).setStatus(status.capture());
        return new Answer(status.getValue(), body.toString());
    }

    private static HealthCheck check(String name, Supplier<HealthCheck.Status> status)
    {
        return new HealthCheck()
        {
            @Override
            public String name()
            {
                return name;
            }

            @Override
            public Status check()
            {
                return status.get();
            }
        };
    }

    private record Answer(int status, String body) {}
}
