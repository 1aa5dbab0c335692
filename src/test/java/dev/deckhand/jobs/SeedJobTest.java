package dev.deckhand.jobs;

import dev.deckhand.app.MainModule;
import dev.deckhand.config.ConfigLoader;
import dev.deckhand.config.DeckhandConfig;
import dev.deckhand.config.Environment;
import dev.deckhand.jobs.JobDefinition.CatchUp;
import dev.deckhand.jobs.JobDefinition.Notify;
import dev.deckhand.jobs.JobDefinition.Overlap;
import dev.deckhand.jobs.JobDefinition.Retries;
import dev.deckhand.scripts.ScriptDefinition;
import dev.deckhand.scripts.ScriptsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The job a fresh clone ships with: config/deckhand.yml reads as written, and scripts/static-build.sh builds the sample site and fails plainly on a bad API answer. */
class SeedJobTest
{
    // Surefire runs in the module's folder, the checkout a new user starts Deckhand in.
    private static final Path CHECKOUT = Path.of("").toAbsolutePath();
    private static final Path SCRIPT = CHECKOUT.resolve("scripts/static-build.sh");

    @TempDir
    Path directory;

    @Test
    void shippedConfigReadsTheStaticBuildJobAsWritten()
    {
        DeckhandConfig config = new ConfigLoader(new Environment(Map.of()), CHECKOUT, MainModule.sections()).load(CHECKOUT.resolve("config/deckhand.yml"));

        JobDefinition job = config.section(JobsConfig.class).find("static-build").orElseThrow();
        assertThat(job.shown()).contains("*/30 * * * *");
        assertThat(job.zone()).isEqualTo(ZoneId.of("Asia/Seoul"));
        assertThat(job.schedule().orElseThrow().next(Instant.parse("2026-12-02T13:31:00Z"))).isEqualTo(Instant.parse("2026-12-02T14:00:00Z"));
        assertThat(job.run()).isEqualTo(new JobRun.Script("build-static", Map.of()));
        assertThat(job.timeout()).contains(Duration.ofMinutes(10));
        assertThat(job.grace()).isEqualTo(Duration.ofMinutes(5));
        assertThat(job.minRuntime()).as("the sample builds in well under the smallest minRuntime (1s)").isEmpty();
        assertThat(job.maxRuntime()).isEmpty();
        assertThat(job.retries()).isEqualTo(Retries.NONE);
        assertThat(job.failureTolerance()).isZero();
        assertThat(job.overlap()).isEqualTo(Overlap.FORBID);
        assertThat(job.catchUp()).isEqualTo(CatchUp.ONCE);
        assertThat(job.channel()).isEmpty();
        assertThat(job.notifications()).containsExactlyInAnyOrder(Notify.FAILURE, Notify.RECOVERY, Notify.MISSED);
        assertThat(job.allow()).containsExactly("everyone");
        assertThat(job.triggerToken()).isEmpty();
        assertThat(job.pingToken()).isEmpty();

        ScriptsConfig scripts = config.section(ScriptsConfig.class);
        ScriptDefinition script = scripts.find("build-static").orElseThrow();
        assertThat(script.command()).containsExactly("static-build.sh", "{out}");
        assertThat(script.allow()).as("only admins /run it by hand").isEmpty();
        assertThat(scripts.problems("build-static", Map.of())).isEmpty();
        assertThat(scripts.problems("build-static", Map.of("out", "public/site"))).isEmpty();
        assertThat(scripts.problems("build-static", Map.of("out", "../elsewhere"))).isNotEmpty();
        assertThat(scripts.problems("build-static", Map.of("out", "/etc"))).isNotEmpty();
    }

    @Test
    void buildsOnePagePerEntryOfTheSampleFile()
            throws Exception
    {
        Path out = directory.resolve("site");

        Result result = run(out.toString(), Optional.empty());

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(names(out)).containsExactly("about.html", "index.html", "status.html");
        assertThat(Files.readString(out.resolve("about.html")))
                .contains("<title>About &quot;Deckhand&quot; &amp; its jobs</title>")
                .contains("<a href=\"index.html\">Welcome</a>");
        assertThat(result.output())
                .contains("fetching file://" + CHECKOUT.resolve("scripts/static-build/pages.json"))
                .contains("wrote " + out.resolve("index.html"))
                .contains("3 pages in " + out);
    }

    @Test
    void relativeOutputFolderIsTakenFromTheCheckout()
            throws Exception
    {
        Path out = CHECKOUT.resolve("target/seed-job-test-site");
        deleteTree(out);

        Result result = runIn(directory, "target/seed-job-test-site", Optional.empty());

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(names(out)).containsExactly("about.html", "index.html", "status.html");
        deleteTree(out);
    }

    @Test
    void readsTheApiNamedByApiUrl()
            throws Exception
    {
        Path api = Files.writeString(directory.resolve("api.json"), """
                {"version": 2, "pages": [{"slug": "news", "title": "News <1>", "tags": ["a", {"b": null}], "body": "one\\n\\ntwo \\u00e9"}]}
                """);
        Path out = directory.resolve("site");

        Result result = run(out.toString(), Optional.of(api.toUri().toString()));

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(names(out)).containsExactly("news.html");
        assertThat(Files.readString(out.resolve("news.html"))).contains("<h1>News &lt;1&gt;</h1>", "<p>one</p>", "<p>two &#233;</p>");
    }

    @Test
    void missingApiAnswerFailsSayingSoAndLeavesTheSiteAsItWas()
            throws Exception
    {
        Path out = Files.createDirectories(directory.resolve("site"));
        Files.writeString(out.resolve("index.html"), "last good");
        String api = directory.resolve("gone.json").toUri().toString();

        Result result = run(out.toString(), Optional.of(api));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).contains("static-build: could not read the API answer from " + api);
        assertThat(names(out)).containsExactly("index.html");
        assertThat(Files.readString(out.resolve("index.html"))).isEqualTo("last good");
    }

    @Test
    void malformedApiAnswerFailsSayingWhatIsWrong()
            throws Exception
    {
        Map<String, String> answers = Map.of(
                "<html>502 Bad Gateway</html>", "expected {",
                "{\"pages\": [{\"slug\": \"index\", \"title\": \"Cut", "a string is not closed",
                "{\"items\": []}", "there is no \"pages\" list",
                "{\"pages\": []}", "the \"pages\" list is empty",
                "{\"pages\": [{\"slug\": \"../up\", \"title\": \"x\"}]}", "page 1 needs a slug of a-z, 0-9 and -",
                "{\"pages\": [{\"slug\": \"a\"}]}", "page 1 (a) needs a title");
        Path out = directory.resolve("site");
        for (Map.Entry<String, String> answer : answers.entrySet()) {
            Path api = Files.writeString(directory.resolve("api.json"), answer.getKey());

            Result result = run(out.toString(), Optional.of(api.toUri().toString()));

            assertThat(result.exitCode()).as(answer.getKey()).isEqualTo(1);
            assertThat(result.output()).as(answer.getKey())
                    .contains("is not the JSON expected")
                    .contains(answer.getValue())
                    .contains("nothing written; " + out + " is as it was");
            assertThat(names(out)).as(answer.getKey()).isEmpty();
        }
    }

    private Result run(String out, Optional<String> apiUrl)
            throws IOException, InterruptedException
    {
        return runIn(CHECKOUT.resolve("scripts"), out, apiUrl);
    }

    // Deckhand starts scripts in the scripts dir with a small environment; the script must not depend on either.
    private static Result runIn(Path workingDirectory, String out, Optional<String> apiUrl)
            throws IOException, InterruptedException
    {
        ProcessBuilder builder = new ProcessBuilder(SCRIPT.toString(), out).directory(workingDirectory.toFile()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/local/bin:/usr/bin:/bin");
        apiUrl.ifPresent(url -> builder.environment().put("API_URL", url));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("static-build.sh ended").isTrue();
        return new Result(process.exitValue(), output);
    }

    private static List<String> names(Path folder)
            throws IOException
    {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    private static void deleteTree(Path folder)
            throws IOException
    {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(file);
            }
        }
    }

    private record Result(int exitCode, String output) {}
}
