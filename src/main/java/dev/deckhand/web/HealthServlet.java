package dev.deckhand.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.deckhand.lifecycle.Threads;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /healthz}: 200 with each check's detail when all are healthy, 503 otherwise. The
 * checks run side by side and each gets {@link #LIMIT}, so a database that does not answer makes
 * the endpoint say so within a load balancer's timeout instead of hanging past it.
 */
final class HealthServlet
        extends HttpServlet
{
    static final Duration LIMIT = Duration.ofSeconds(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Set<HealthCheck> checks;
    private final ExecutorService executor = Executors.newCachedThreadPool(Threads.named("deckhand-health"));

    HealthServlet(Set<HealthCheck> checks)
    {
        this.checks = Set.copyOf(checks);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException
    {
        Map<String, CompletableFuture<HealthCheck.Status>> running = new TreeMap<>();
        for (HealthCheck check : checks) {
            running.put(check.name(), CompletableFuture.supplyAsync(() -> check(check), executor)
                    .completeOnTimeout(new HealthCheck.Status(false, "no answer within " + LIMIT.toSeconds() + " s"), LIMIT.toMillis(), TimeUnit.MILLISECONDS));
        }
        ObjectNode body = JSON.createObjectNode();
        ObjectNode details = body.putObject("checks");
        boolean healthy = true;
        for (Map.Entry<String, CompletableFuture<HealthCheck.Status>> check : running.entrySet()) {
            HealthCheck.Status status = check.getValue().join();
            healthy &= status.healthy();
            details.putObject(check.getKey()).put("healthy", status.healthy()).put("detail", status.detail());
        }
        body.put("status", healthy ? "ok" : "unhealthy");
        response.setStatus(healthy ? 200 : 503);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(JSON.writeValueAsString(body));
    }

    @Override
    public void destroy()
    {
        executor.shutdownNow();
    }

    private static HealthCheck.Status check(HealthCheck check)
    {
        try {
            return check.check();
        }
        catch (RuntimeException e) {
            return new HealthCheck.Status(false, "the check failed: " + e.getMessage());
        }
    }
}
