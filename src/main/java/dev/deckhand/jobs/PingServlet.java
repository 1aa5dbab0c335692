package dev.deckhand.jobs;

import dev.deckhand.config.Tokens;
import dev.deckhand.jobs.Ping.Kind;
import dev.deckhand.web.BadRequest;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * {@code GET|POST|HEAD /ping/{job}[/start|/fail|/log|/{exit code}]}, answered as healthchecks.io does:
 * 200 {@code OK}; 404 {@code not found} for an unknown job or path; 400 {@code invalid url format}
 * for an exit code over 255, 400 {@code invalid uuid format} for a {@code rid} that is not a UUID.
 * The first {@value Ping#BODY_LIMIT} bytes of the body are the run's log. A job with {@code ping.token}
 * takes it as {@code Authorization: Bearer} or {@code ?token=}, else 401. A GET or HEAD from Slack's
 * link unfurler is kept as ignored: posting a ping URL in a channel cannot fake a run.
 */
final class PingServlet
        extends HttpServlet
{
    private static final Pattern PATH = Pattern.compile("/([a-z0-9][a-z0-9_-]{0,39})(?:/(start|fail|log|[0-9]+))?/?");
    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final String UNFURLER = "Slackbot-LinkExpanding";

    private final transient PingService pings;

    PingServlet(PingService pings)
    {
        this.pings = requireNonNull(pings, "pings is null");
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException
    {
        receive(request, response);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws IOException
    {
        receive(request, response);
    }

    @Override
    protected void doHead(HttpServletRequest request, HttpServletResponse response)
            throws IOException
    {
        receive(request, response);
    }

    private void receive(HttpServletRequest request, HttpServletResponse response)
            throws IOException
    {
        Matcher matcher = PATH.matcher(Optional.ofNullable(request.getPathInfo()).orElse(""));
        if (!matcher.matches()) {
            throw new BadRequest(404, "not found");
        }
        JobDefinition job = pings.job(matcher.group(1)).orElseThrow(() -> new BadRequest(404, "not found"));
        String action = Optional.ofNullable(matcher.group(2)).orElse("");
        OptionalInt exitCode = exitCode(job, action);
        Map<String, String> query = query(request);
        Optional<String> rid = Optional.ofNullable(query.get("rid"));
        if (rid.isPresent() && !UUID.matcher(rid.get()).matches()) {
            throw new BadRequest(400, "invalid uuid format", "rid for job " + job.name());
        }
        authenticate(job, request, query);
        Optional<String> agent = Optional.ofNullable(request.getHeader("User-Agent"));
        boolean unfurler = !"POST".equals(request.getMethod()) && agent.filter(value -> value.contains(UNFURLER)).isPresent();
        Kind kind = unfurler ? Kind.IGNORED : kind(action, exitCode);
        Ping ping = new Ping(job.name(), kind, exitCode, rid.map(value -> value.toLowerCase(java.util.Locale.ROOT)), body(request), request.getMethod(), agent,
                Optional.of(remote(request)));
        pings.receive(job, ping);
        response.setStatus(200);
        response.setHeader("Ping-Body-Limit", String.valueOf(Ping.BODY_LIMIT));
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("Access-Control-Allow-Origin", "*");
        response.setContentType("text/plain; charset=utf-8");
        if (!"HEAD".equals(request.getMethod())) {
            response.getWriter().print("OK");
        }
    }

    private static Kind kind(String action, OptionalInt exitCode)
    {
        if (exitCode.isPresent()) {
            return exitCode.getAsInt() == 0 ? Kind.SUCCESS : Kind.FAIL;
        }
        return switch (action) {
            case "start" -> Kind.START;
            case "fail" -> Kind.FAIL;
            case "log" -> Kind.LOG;
            default -> Kind.SUCCESS;
        };
    }

    /** Any number of digits is an exit code (HC's {@code <int:…>}); over 255 is refused, however long. */
    private static OptionalInt exitCode(JobDefinition job, String action)
    {
        if (!action.matches("[0-9]+")) {
            return OptionalInt.empty();
        }
        String digits = action.replaceFirst("^0+(?=.)", "");
        if (digits.length() > 3 || Integer.parseInt(digits) > 255) {
            throw new BadRequest(400, "invalid url format", "exit code " + (digits.length() > 12 ? digits.substring(0, 12) + "…" : digits) + " for job " + job.name());
        }
        return OptionalInt.of(Integer.parseInt(digits));
    }

    /**
     * The query string's parameters, first value of each. Not {@code getParameter}: for a form POST
     * ({@code curl --data-raw}) that reads the body as parameters, and the body is the run's log.
     */
    private static Map<String, String> query(HttpServletRequest request)
    {
        Map<String, String> parameters = new HashMap<>();
        String query = request.getQueryString();
        if (query == null || query.isEmpty()) {
            return parameters;
        }
        try {
            for (String pair : query.split("&")) {
                int equals = pair.indexOf('=');
                String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                parameters.putIfAbsent(name, equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        catch (IllegalArgumentException e) {
            throw new BadRequest(400, "invalid url format", "a query string that does not decode");
        }
        return parameters;
    }

    private static void authenticate(JobDefinition job, HttpServletRequest request, Map<String, String> query)
    {
        if (job.pingToken().isEmpty()) {
            return;
        }
        Optional<String> given = Optional.ofNullable(request.getHeader("Authorization")).flatMap(Tokens::bearer)
                .or(() -> Optional.ofNullable(query.get("token")));
        if (given.isEmpty() || !Tokens.matches(given.get(), job.pingToken().get())) {
            throw new BadRequest(401, "This job's pings need its ping.token: Authorization: Bearer <token> or ?token=<token>.",
                    (given.isEmpty() ? "no token" : "a wrong token") + " for job " + job.name() + ", from " + request.getRemoteAddr());
        }
    }

    private static byte[] body(HttpServletRequest request)
            throws IOException
    {
        if (!"POST".equals(request.getMethod())) {
            return new byte[0];
        }
        try (InputStream in = request.getInputStream()) {
            return in.readNBytes(Ping.BODY_LIMIT);
        }
    }

    private static String remote(HttpServletRequest request)
    {
        String forwarded = request.getHeader("X-Forwarded-For");
        String first = forwarded == null ? request.getRemoteAddr() : forwarded.split(",")[0].strip();
        // An IPv4 address with its port, as some proxies send it.
        first = first.matches("[0-9.]+:[0-9]+") ? first.substring(0, first.indexOf(':')) : first;
        return first.length() > 64 ? first.substring(0, 64) : first;
    }
}
