package dev.deckhand.jobs;

import dev.deckhand.config.Tokens;
import dev.deckhand.web.BadRequest;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * {@code POST /jobs/{job}/trigger} with {@code Authorization: Bearer <the job's trigger.token>}
 * (compared in constant time): 202 and {@code {"run": "<id>"}}; 401 for no or a wrong token, or a job
 * without one; 404 for an unknown job; 409 with the running run's id under {@code overlap: forbid};
 * 400 for a job that runs elsewhere. Nothing starts unless the answer is 202.
 */
final class JobTriggerServlet
        extends HttpServlet
{
    private static final Pattern PATH = Pattern.compile("/([a-z0-9][a-z0-9_-]{0,39})/trigger");
    private static final String UNAUTHORIZED = "This trigger needs the job's token: Authorization: Bearer <trigger.token>.";

    private final transient Supplier<JobsConfig> jobs;
    private final transient JobsService service;

    JobTriggerServlet(Supplier<JobsConfig> jobs, JobsService service)
    {
        this.jobs = requireNonNull(jobs, "jobs is null");
        this.service = requireNonNull(service, "service is null");
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws IOException
    {
        var matcher = PATH.matcher(Optional.ofNullable(request.getPathInfo()).orElse(""));
        if (!matcher.matches()) {
            throw new BadRequest(404, "Not found: the trigger is POST /jobs/<job>/trigger.");
        }
        JobDefinition job = jobs.get().find(matcher.group(1)).orElseThrow(() -> new BadRequest(404, "There is no job called " + matcher.group(1) + "."));
        // Before the token: the config refuses a trigger.token on a job that runs elsewhere, so it would always be a 401.
        if (job.run() instanceof JobRun.Outside) {
            throw new BadRequest(400, "Job " + job.name() + " runs elsewhere and reports in through /ping/" + job.name() + "; it cannot be triggered.");
        }
        List<String> authorization = Collections.list(request.getHeaders("Authorization"));
        if (job.triggerToken().isEmpty()) {
            throw new BadRequest(401, UNAUTHORIZED, "job " + job.name() + " has no trigger.token, from " + request.getRemoteAddr());
        }
        Optional<String> given = authorization.size() == 1 ? Tokens.bearer(authorization.get(0)) : Optional.empty();
        if (given.isEmpty() || !Tokens.matches(given.get(), job.triggerToken().get())) {
            throw new BadRequest(401, UNAUTHORIZED, (given.isEmpty() ? "no bearer token" : "a wrong token") + " for job " + job.name() + ", from " + request.getRemoteAddr());
        }
        try {
            String run = service.trigger(job);
            answer(response, 202, "{\"run\": \"" + run + "\"}");
        }
        catch (JobRuns.Busy e) {
            answer(response, 409, "{\"error\": \"job " + job.name() + " is running and forbids overlap\", \"running\": \"" + e.running() + "\"}");
        }
    }

    private static void answer(HttpServletResponse response, int status, String json)
            throws IOException
    {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().println(json);
    }
}
