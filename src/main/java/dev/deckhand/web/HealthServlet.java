package dev.deckhand.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Set;

/** {@code GET /healthz}: 200 with each check's detail when all are healthy, 503 otherwise. */
final class HealthServlet
        extends HttpServlet
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Set<HealthCheck> checks;

    HealthServlet(Set<HealthCheck> checks)
    {
        this.checks = Set.copyOf(checks);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException
    {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode details = body.putObject("checks");
        boolean healthy = true;
        for (HealthCheck check : checks) {
            HealthCheck.Status status = check.check();
            healthy &= status.healthy();
            details.putObject(check.name()).put("healthy", status.healthy()).put("detail", status.detail());
        }
        body.put("status", healthy ? "ok" : "unhealthy");
        response.setStatus(healthy ? 200 : 503);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(JSON.writeValueAsString(body));
    }
}
