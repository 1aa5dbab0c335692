package dev.deckhand.web;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * The one place a {@link BadRequest} from any endpoint becomes its 4xx answer: the status, the short
 * message as plain text, and one short log line. Everything else a servlet throws goes on to Jetty's
 * error handler ({@link PlainErrorHandler}), which says as little.
 */
final class BadRequestFilter
        implements Filter
{
    private static final Logger log = LoggerFactory.getLogger(BadRequestFilter.class);

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException
    {
        try {
            chain.doFilter(request, response);
        }
        catch (BadRequest bad) {
            answer((HttpServletRequest) request, (HttpServletResponse) response, bad);
        }
    }

    private static void answer(HttpServletRequest request, HttpServletResponse response, BadRequest bad)
            throws IOException
    {
        // The servlet path is one of the endpoints' own mappings, never the caller's text.
        String line = "{} {} answered {}: {}{}";
        Object[] arguments = {request.getMethod(), request.getServletPath(), bad.status(), bad.getMessage(), bad.detail().isEmpty() ? "" : " (" + bad.detail() + ")"};
        if (bad.status() == 401 || bad.status() == 403) {
            log.warn(line, arguments);
        }
        else {
            log.info(line, arguments);
        }
        if (response.isCommitted()) {
            return;
        }
        response.reset();
        response.setStatus(bad.status());
        response.setContentType("text/plain; charset=utf-8");
        response.getWriter().println(bad.getMessage());
    }
}
