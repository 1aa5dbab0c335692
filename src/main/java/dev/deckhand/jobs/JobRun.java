package dev.deckhand.jobs;

import dev.deckhand.aws.Targets;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/** How a job runs: a script of the scripts section, an SSM command, an HTTP call, or elsewhere, reporting in through its ping URLs. */
public sealed interface JobRun
        permits JobRun.Script, JobRun.Ssm, JobRun.Http, JobRun.Outside
{
    /** {@code run: { script: build-static, params: { out: /srv/www } }}. */
    record Script(String script, Map<String, String> params)
            implements JobRun
    {
        public Script
        {
            requireNonNull(script, "script is null");
            params = Map.copyOf(params);
        }
    }

    /** {@code run: { ssm: { document, version, targets, parameters } }}: a Run Command, through the aws port; it succeeds when every host does. */
    record Ssm(String document, String version, Targets targets, Map<String, List<String>> parameters)
            implements JobRun
    {
        public Ssm
        {
            requireNonNull(document, "document is null");
            requireNonNull(version, "version is null");
            requireNonNull(targets, "targets is null");
            parameters = Map.copyOf(parameters);
        }
    }

    /** {@code run: { http: { url, method, headers, body, expect } }}: a status in {@code expect} (else any 2xx) is a success. */
    record Http(URI url, String method, Map<String, String> headers, Optional<String> body, Set<Integer> expect)
            implements JobRun
    {
        public Http
        {
            requireNonNull(url, "url is null");
            requireNonNull(method, "method is null");
            headers = Map.copyOf(headers);
            requireNonNull(body, "body is null");
            expect = Set.copyOf(expect);
        }

        public boolean succeeded(int status)
        {
            return expect.isEmpty() ? status >= 200 && status < 300 : expect.contains(status);
        }
    }

    /** No {@code run}: the job runs elsewhere and pings {@code /ping/<job>}. */
    record Outside()
            implements JobRun {}
}
