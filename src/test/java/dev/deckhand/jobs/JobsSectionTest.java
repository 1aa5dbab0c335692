package dev.deckhand.jobs;

import dev.deckhand.app.MainModule;
import dev.deckhand.aws.Targets;
import dev.deckhand.config.ConfigException;
import dev.deckhand.config.ConfigLoader;
import dev.deckhand.config.ConfigProblem;
import dev.deckhand.config.Environment;
import dev.deckhand.jobs.JobDefinition.CatchUp;
import dev.deckhand.jobs.JobDefinition.Notify;
import dev.deckhand.jobs.JobDefinition.Overlap;
import dev.deckhand.jobs.JobDefinition.Retries;
import dev.deckhand.scripts.ParamDefinition;
import dev.deckhand.scripts.ParamRules;
import dev.deckhand.scripts.ScriptsConfig;
import dev.deckhand.tasks.Schedule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The jobs section: every key read to its definition, every mistake reported at its path, and script jobs checked against the scripts. */
class JobsSectionTest
{
    private static final String SCRIPTS = """
            scripts:
              dir: scripts
              list:
                - name: build-static
                  command: [build.sh, "{out}"]
                  params:
                    - { name: out, pattern: "/[a-z/]+" }
                    - { name: mode, enum: [full, quick], default: quick }
            """;

    @TempDir
    Path directory;

    @Test
    void everyKindOfJobReadsToItsDefinition()
            throws Exception
    {
        JobsConfig jobs = load(SCRIPTS + """
                timezone: Asia/Seoul
                access: { admins: [U0ADMIN], groups: { builders: { users: [U0B1] } } }
                jobs:
                  - name: static-build
                    schedule: "*/30 * * * *"
                    run: { script: build-static, params: { out: /srv/www } }
                    timeout: 10m
                    grace: 2m
                    minRuntime: 5s
                    retries: { count: 2, delay: 30s }
                    failureTolerance: 1
                    overlap: allow
                    catchUp: skip
                    channel: "#batch"
                    notify: [failure, recovery, success]
                    allow: [builders]
                    trigger: { token: "trigger-token-0123456789" }
                  - name: warm-cache
                    every: 1h
                    timezone: America/New_York
                    run: { http: { url: "https://example.com/api/warm", method: post, headers: { X-Key: abc }, body: "{}", expect: [200, 204] } }
                  - name: rotate-logs
                    schedule: "0 3 * * *"
                    run: { ssm: { document: AWS-RunShellScript, targets: { "tag:Role": web }, parameters: { commands: ["logrotate -f /etc/logrotate.conf"] } } }
                  - name: nightly-report
                    every: 1d
                    grace: 1h
                    maxRuntime: 2h
                    ping: { token: "ping-token-0123456789ab" }
                """);

        JobDefinition build = jobs.find("static-build").orElseThrow();
        assertThat(build.run()).isEqualTo(new JobRun.Script("build-static", Map.of("out", "/srv/www")));
        assertThat(build.zone()).isEqualTo(ZoneId.of("Asia/Seoul"));
        assertThat(build.shown()).contains("*/30 * * * *");
        assertThat(build.schedule().orElseThrow().next(Instant.parse("2026-12-02T00:10:00Z"))).isEqualTo(Instant.parse("2026-12-02T00:30:00Z"));
        assertThat(build.timeout()).contains(Duration.ofMinutes(10));
        assertThat(build.grace()).isEqualTo(Duration.ofMinutes(2));
        assertThat(build.minRuntime()).contains(Duration.ofSeconds(5));
        assertThat(build.retries()).isEqualTo(new Retries(2, Duration.ofSeconds(30)));
        assertThat(build.failureTolerance()).isEqualTo(1);
        assertThat(build.overlap()).isEqualTo(Overlap.ALLOW);
        assertThat(build.catchUp()).isEqualTo(CatchUp.SKIP);
        assertThat(build.channel()).contains("#batch");
        assertThat(build.notifications()).containsExactlyInAnyOrder(Notify.FAILURE, Notify.RECOVERY, Notify.SUCCESS);
        assertThat(build.allow()).containsExactly("builders");
        assertThat(build.triggerToken()).hasValueSatisfying(token -> assertThat(token.value()).isEqualTo("trigger-token-0123456789"));
        assertThat(build.toString()).doesNotContain("trigger-token-0123456789");

        JobDefinition warm = jobs.find("warm-cache").orElseThrow();
        assertThat(warm.run()).isEqualTo(new JobRun.Http(URI.create("https://example.com/api/warm"), "POST", Map.of("X-Key", "abc"), Optional.of("{}"), Set.of(200, 204)));
        assertThat(warm.zone()).isEqualTo(ZoneId.of("America/New_York"));
        assertThat(warm.shown()).contains("every 1h");
        assertThat(((JobRun.Http) warm.run()).succeeded(204)).isTrue();
        assertThat(((JobRun.Http) warm.run()).succeeded(201)).isFalse();

        assertThat(jobs.find("rotate-logs").orElseThrow().run()).isEqualTo(new JobRun.Ssm("AWS-RunShellScript", "$DEFAULT",
                new Targets(Map.of("Role", List.of("web")), List.of()), Map.of("commands", List.of("logrotate -f /etc/logrotate.conf"))));

        JobDefinition report = jobs.find("nightly-report").orElseThrow();
        assertThat(report.run()).isEqualTo(new JobRun.Outside());
        assertThat(report.schedule()).contains(Schedule.every(Duration.ofDays(1)));
        assertThat(report.maxRuntime()).contains(Duration.ofHours(2));
        assertThat(report.pingToken()).isPresent();
        assertThat(report.overlap()).as("default").isEqualTo(Overlap.FORBID);
        assertThat(report.catchUp()).as("default").isEqualTo(CatchUp.ONCE);
        assertThat(report.notifications()).as("default").containsExactlyInAnyOrder(Notify.FAILURE, Notify.RECOVERY, Notify.MISSED);
        assertThat(report.allow()).as("admins only by default").isEmpty();
        assertThat(jobs.names()).containsExactly("static-build", "warm-cache", "rotate-logs", "nightly-report");
    }

    @Test
    void everyMistakeIsReportedAtItsPath()
            throws Exception
    {
        List<String> problems = problems(SCRIPTS + """
                jobs:
                  - name: Static Build
                    schedule: "*/30 * * *"
                    timezone: Mars/Olympus
                  - name: both
                    schedule: "0 * * * *"
                    every: 30s
                    timeout: 0s
                  - name: runs-two
                    run: { script: build-static, http: { url: "https://example.com" } }
                  - name: bad-http
                    run: { http: { url: "ftp://example.com/x", method: FETCH, headers: { "Bad Header": x }, expect: [99] } }
                  - name: bad-ssm
                    run: { ssm: { document: "x", targets: { Role: web } } }
                  - name: outside
                    retries: { count: 11 }
                    failureTolerance: -1
                    catchUp: always
                    trigger: { token: short }
                    minRuntime: 1h
                    timeout: 10m
                    ping: { token: "has spaces in it, 123" }
                """);

        assertThat(problems).containsExactlyInAnyOrder(
                "jobs[0].name: 'Static Build' a job name is lower-case letters, digits, - or _ (at most 40)",
                "jobs[0].timezone: 'Mars/Olympus' is not a time zone; write one like Asia/Seoul or UTC",
                "jobs[0].schedule: '*/30 * * *' is not a five-field cron schedule: " + cronProblem("*/30 * * *"),
                "jobs[1]: give either schedule (cron) or every, not both",
                "jobs[1].every: must be at least 1m",
                "jobs[1].timeout: must be longer than 0s",
                "jobs[2].run: give one of script, ssm or http, not script and http",
                "jobs[3].run.http.url: 'ftp://example.com/x' is not an http(s) URL with a host (and no user:password@; put credentials in headers)",
                "jobs[3].run.http.method: 'FETCH' is not one of DELETE, GET, PATCH, POST, PUT",
                "jobs[3].run.http.headers.Bad Header: is not an HTTP header name",
                "jobs[3].run.http.expect[0]: '99' is not an HTTP status (100–599)",
                "jobs[4].run.ssm.document: 'x' is not an SSM document name",
                "jobs[4].run.ssm.targets.Role: a target is a tag, written tag:Name (or give a list of instance ids)",
                "jobs[4].run.ssm.targets: needs at least one tag, like \"tag:Env\": prod",
                "jobs[5].retries.count: must be from 0 to 10",
                "jobs[5].failureTolerance: must be from 0 to 100",
                "jobs[5].catchUp: 'always' is not one of once, skip",
                "jobs[5].trigger.token: must be at least 16 characters long, not 5; make one with openssl rand -hex 32",
                "jobs[5].minRuntime: must be shorter than timeout (10m)",
                "jobs[5].ping.token: must be letters, digits and - . _ ~ + / only (it is sent as 'Authorization: Bearer <token>')");
        assertThat(String.join("\n", problems)).doesNotContain("has spaces in it");
    }

    @Test
    void aScriptJobNamesAScriptAndGivesItValuesItTakes()
            throws Exception
    {
        List<String> problems = problems(SCRIPTS + """
                jobs:
                  - name: gone
                    run: { script: build-html }
                  - name: typo
                    run: { script: build-static, params: { out: /srv/www, mdoe: full } }
                  - name: missing
                    run: { script: build-static }
                  - name: refused
                    run: { script: build-static, params: { out: "/srv/www; rm -rf /", mode: slow } }
                  - name: outside-trigger
                    trigger: { token: "trigger-token-0123456789" }
                """);

        assertThat(problems).containsExactlyInAnyOrder(
                "jobs[0].run.script: 'build-html' is not a script; scripts are [build-static]",
                "jobs[1].run.script: 'mdoe' is not a parameter of build-static; its parameters are [out, mode]",
                "jobs[2].run.script: build-static needs a value for out",
                "jobs[3].run.script: out " + ParamRules.violation(param("out"), "/srv/www; rm -rf /").orElseThrow(),
                "jobs[3].run.script: mode " + ParamRules.violation(param("mode"), "slow").orElseThrow(),
                "jobs[4].trigger: a job without run is run elsewhere, so Deckhand cannot trigger it; give it run, or drop trigger");
    }

    private ParamDefinition param(String name)
            throws Exception
    {
        return new ConfigLoader(new Environment(Map.of()), directory, MainModule.sections()).load(write(SCRIPTS))
                .section(ScriptsConfig.class).find("build-static").orElseThrow().param(name).orElseThrow();
    }

    private static String cronProblem(String expression)
    {
        try {
            Schedule.cron(expression, ZoneId.of("UTC"));
            throw new AssertionError(expression + " parsed");
        }
        catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private JobsConfig load(String yaml)
            throws Exception
    {
        return new ConfigLoader(new Environment(Map.of()), directory, MainModule.sections()).load(write(yaml)).section(JobsConfig.class);
    }

    private List<String> problems(String yaml)
            throws Exception
    {
        Path file = write(yaml);
        ConfigException exception = catchThrowableOfType(ConfigException.class,
                () -> new ConfigLoader(new Environment(Map.of()), directory, MainModule.sections()).load(file));
        assertThat(exception).isNotNull();
        return exception.problems().stream().map(ConfigProblem::toString).toList();
    }

    private Path write(String yaml)
            throws Exception
    {
        Files.createDirectories(directory.resolve("scripts"));
        Files.writeString(directory.resolve("scripts/build.sh"), "#!/bin/sh\n");
        return Files.writeString(directory.resolve("deckhand.yml"), yaml);
    }
}
