package dev.deckhand.scripts;

import dev.deckhand.audit.AuditEntry;
import dev.deckhand.audit.AuditLog;
import dev.deckhand.testing.SlackRequests;
import dev.deckhand.testing.TestingDeckhand;
import dev.deckhand.testing.TestingSlack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code /run} from Slack's side: signed requests in, Web API calls out. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScriptsEndToEndTest
{
    static final String CONFIG = """
            timezone: UTC
            access:
              admins: [U0ADMIN]
              groups:
                frontend: { users: [U0DEV], usergroups: [S0FE] }
            scripts:
              dir: @DIR@
              list:
                - name: hello
                  description: Say hello
                  command: [hello.sh, "{name}"]
                  params:
                    - { name: name, pattern: "[A-Za-z-]{1,32}", default: world }
                  allow: [everyone]
                  concurrency: 5
                - name: greet
                  command: [hello.sh, "{name}"]
                  params: [{ name: name, pattern: "[A-Za-z]{1,10}" }]
                  allow: [everyone]
                - name: echo
                  command: [echo.sh, "{text}"]
                  params: [{ name: text }]
                  allow: [everyone]
                - name: notes
                  description: Front-end only
                  command: [hello.sh]
                  allow: [frontend]
                - name: slow
                  command: [tree.sh, slow.pid]
                  timeout: 2s
                  allow: [everyone]
                - name: wait
                  command: [tree.sh, wait.pid]
                  timeout: 5m
                  allow: [everyone]
                - name: flood
                  command: [flood.sh]
                  allow: [everyone]
                - name: secret
                  command: [secret.sh]
                  env: { API_TOKEN: "s3cr3t-value-123" }
                  allow: [everyone]
            """;
    static final Map<String, String> SCRIPTS = Map.of(
            "hello.sh", "#!/bin/sh\necho \"Hello, ${1:-world}!\"\n",
            "echo.sh", "#!/bin/sh\necho \"$1\"\n",
            "tree.sh", "#!/bin/sh\nsleep 300 &\necho $! > \"$1\"\necho started\nwait\n",
            "flood.sh", "#!/bin/sh\nseq 1 5000\n",
            "secret.sh", "#!/bin/sh\necho \"token is $API_TOKEN and xoxb-1234567890-abcdefgh\"\n");

    @TempDir
    static Path directory;
    private TestingSlack slack;
    private TestingDeckhand deckhand;
    private SlackRequests requests;

    @BeforeAll
    void start()
            throws Exception
    {
        deckhand = TestingDeckhand.start(directory, CONFIG, SCRIPTS);
        slack = deckhand.slack();
        requests = deckhand.requests();
    }

    @AfterAll
    void stop()
    {
        deckhand.close();
    }

    @Test
    void runPostsOneMessageAndEditsItToTheResult()
            throws Exception
    {
        HttpResponse<String> response = requests.send(requests.slashCommand("/run", "hello name=Kim", "U0DEV"));

        assertThat(response.statusCode()).isEqualTo(200);
        await().untilAsserted(() -> assertThat(updatesOf("hello name=Kim")).anyMatch(text -> text.contains("exit 0")));
        Map<String, String> post = postOf("hello name=Kim");
        assertThat(post.get("channel")).isEqualTo("C0RUN");
        assertThat(post.get("text")).contains("<@U0DEV> ran `hello name=Kim`");
        assertThat(updatesOf("hello name=Kim")).last().asString().contains("Hello, Kim!").contains("exit 0 in");
    }

    @Test
    void positionalValuesAndDefaultsBindToParams()
            throws Exception
    {
        requests.send(requests.slashCommand("/run", "hello Lee", "U0DEV"));
        await().untilAsserted(() -> assertThat(updatesOf("hello name=Lee")).anyMatch(text -> text.contains("Hello, Lee!")));
        requests.send(requests.slashCommand("/run", "hello", "U0OTHER"));

        await().untilAsserted(() -> assertThat(updatesOf("hello name=world")).anyMatch(text -> text.contains("Hello, world!")));
    }

    @Test
    void listShowsOnlyScriptsThePersonMayRun()
            throws Exception
    {
        String forOther = requests.reply(requests.slashCommand("/run", "", "U0OTHER"));
        String forGroupMember = requests.reply(requests.slashCommand("/run", "", "U0FRONT"));

        assertThat(forOther).contains("hello").contains("Say hello").contains("name").doesNotContain("notes");
        assertThat(forGroupMember).contains("notes").contains("Front-end only");
    }

    @Test
    void badValueNamesTheParamAndTheRuleAndRunsNothing()
            throws Exception
    {
        int posts = slack.calls("chat.postMessage").size();

        String pattern = requests.reply(requests.slashCommand("/run", "hello name=Kim;reboot", "U0DEV"));
        String shell = requests.reply(requests.slashCommand("/run", "echo text=$(reboot)", "U0DEV"));
        String unknown = requests.reply(requests.slashCommand("/run", "hello nmae=Kim", "U0DEV"));

        assertThat(pattern).contains("`name` must match [A-Za-z-]{1,32}").contains("Nothing was run");
        assertThat(shell).contains("`text` must not contain shell metacharacters");
        assertThat(unknown).contains("`nmae` is not a param of hello");
        assertThat(slack.calls("chat.postMessage")).hasSize(posts);
    }

    @Test
    void refusalIsVisibleAndAudited()
            throws Exception
    {
        String body = requests.reply(requests.slashCommand("/run", "notes", "U0OTHER"));

        assertThat(body).contains("You can't run `notes`: you need to be in group 'frontend', or an admin");
        List<AuditEntry> entries = deckhand.instance(AuditLog.class).recent(50);
        assertThat(entries).anyMatch(entry -> entry.userId().equals("U0OTHER") && entry.detail().equals("/run notes") && entry.outcome().equals("refused"));
    }

    @Test
    void usergroupMembershipGrantsAccess()
            throws Exception
    {
        requests.send(requests.slashCommand("/run", "notes", "U0FRONT"));

        await().untilAsserted(() -> assertThat(updatesOf("notes")).anyMatch(text -> text.contains("exit 0")));
    }

    @Test
    void timeoutKillsTheWholeTree()
            throws Exception
    {
        requests.send(requests.slashCommand("/run", "slow", "U0DEV"));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(updatesOf("slow")).anyMatch(text -> text.contains("timed out after 2.0s")));
        assertThat(processAlive(scriptsDir().resolve("slow.pid"))).isFalse();
    }

    @Test
    void cancelByRequesterKillsTheTreeAndOthersAreRefused()
            throws Exception
    {
        requests.send(requests.slashCommand("/run", "wait", "U0DEV"));
        Path pidFile = scriptsDir().resolve("wait.pid");
        await().until(() -> Files.exists(pidFile) && !Files.readString(pidFile).isBlank());
        String busy = requests.reply(requests.slashCommand("/run", "wait", "U0OTHER"));
        await().until(() -> slack.calls("chat.postMessage").stream().anyMatch(call -> call.getOrDefault("text", "").contains("ran `wait`")));
        String runId = cancelValue(postOf("wait"));

        requests.send(requests.click("deckhand.run.cancel", runId, "U0OTHER"));
        await().untilAsserted(() -> assertThat(slack.bodies("/response/")).anyMatch(body -> body.contains("Only <@U0DEV>, who started this run, or an admin can cancel it")));
        requests.send(requests.click("deckhand.run.cancel", runId, "U0DEV"));

        assertThat(busy).contains("`wait` is already running: <@U0DEV> started it");
        await().untilAsserted(() -> assertThat(updatesOf("wait")).anyMatch(text -> text.contains("cancelled by <@U0DEV>")));
        assertThat(processAlive(pidFile)).isFalse();
        assertThat(deckhand.instance(AuditLog.class).recent(50))
                .anyMatch(entry -> entry.userId().equals("U0OTHER") && entry.kind().equals("click") && entry.outcome().equals("refused"));
    }

    @Test
    void longOutputIsUploadedAsAFile()
            throws Exception
    {
        requests.send(requests.slashCommand("/run", "flood", "U0DEV"));

        await().untilAsserted(() -> assertThat(updatesOf("flood")).anyMatch(text -> text.contains("attached below as a file")));
        // The file goes through the outbox, paced behind the run's message in the channel.
        await().untilAsserted(() -> assertThat(slack.calls("files.completeUploadExternal")).anyMatch(call -> "C0RUN".equals(call.get("channel_id"))));
        assertThat(slack.calls("files.getUploadURLExternal")).anyMatch(call -> call.get("filename").startsWith("flood-"));
        assertThat(slack.bodies("/upload/F0OUT")).anyMatch(body -> body.contains("\n2500\n") && body.contains("\n5000"));
    }

    @Test
    void missingRequiredParamOpensAFormAndTheFormRunsTheScript()
            throws Exception
    {
        requests.send(requests.slashCommand("/run", "greet", "U0DEV"));
        await().until(() -> !slack.decodedCalls("views.open").isEmpty());
        Map<String, String> open = slack.decodedCalls("views.open").get(0);
        assertThat(open.get("trigger_id")).startsWith("trigger-");
        assertThat(open.get("view")).contains("\"callback_id\":\"deckhand.run.form\"").contains("\"block_id\":\"name\"");
        String metadata = privateMetadata(open.get("view"));

        HttpResponse<String> bad = requests.send(requests.submit("deckhand.run.form", metadata, Map.of("name", "K1m"), "U0DEV"));
        HttpResponse<String> good = requests.send(requests.submit("deckhand.run.form", metadata, Map.of("name", "Kim"), "U0DEV"));

        assertThat(bad.body()).contains("\"response_action\":\"errors\"").contains("must match");
        assertThat(good.statusCode()).isEqualTo(200);
        await().untilAsserted(() -> assertThat(updatesOf("greet name=Kim")).anyMatch(text -> text.contains("Hello, Kim!")));
    }

    @Test
    void secretsAndTokensAreMaskedInWhatIsPosted()
            throws Exception
    {
        requests.send(requests.slashCommand("/run", "secret", "U0DEV"));

        await().untilAsserted(() -> assertThat(updatesOf("secret")).anyMatch(text -> text.contains("exit 0")));
        assertThat(updatesOf("secret")).allMatch(text -> !text.contains("s3cr3t-value-123") && !text.contains("xoxb-1234567890"))
                .anyMatch(text -> text.contains("token is ****** and ******"));
    }

    @Test
    void whenSlackRefusesThePostThePersonIsToldWhatToDo()
            throws Exception
    {
        slack.stubOk("chat.postMessage", "{\"ok\":false,\"error\":\"not_in_channel\"}");
        try {
            requests.send(requests.slashCommand("/run", "hello name=Nowhere", "U0DEV"));

            await().untilAsserted(() -> assertThat(slack.bodies("/response/"))
                    .anyMatch(body -> body.contains("Posting in this channel failed: Slack refused chat.postMessage: not_in_channel")
                            && body.contains("type `/invite @Deckhand` here")));
        }
        finally {
            slack.stubOk("chat.postMessage", "{\"ok\":true,\"channel\":\"C0RUN\",\"ts\":\"1700000000.000100\"}");
        }
        assertThat(updatesOf("hello name=Nowhere")).isEmpty();
        java.net.http.HttpResponse<String> health = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + deckhand.port() + "/healthz")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("Slack refuses {C0RUN=not_in_channel}");
    }

    private Path scriptsDir()
    {
        return directory.resolve("scripts");
    }

    private Map<String, String> postOf(String commandText)
    {
        return slack.calls("chat.postMessage").stream()
                .filter(call -> call.getOrDefault("text", "").contains("ran `" + commandText + "`"))
                .findFirst().orElseThrow();
    }

    /** Text and blocks of every edit of the message for {@code commandText}, oldest first. */
    private List<String> updatesOf(String commandText)
    {
        return slack.decodedCalls("chat.update").stream()
                .filter(call -> call.getOrDefault("text", "").contains("ran `" + commandText + "`"))
                .map(call -> call.get("text") + "\n" + call.get("blocks"))
                .toList();
    }

    private static String cancelValue(Map<String, String> post)
    {
        Matcher matcher = Pattern.compile("\"action_id\":\"deckhand.run.cancel\",\"value\":\"([^\"]+)\"|\"value\":\"([^\"]+)\"[^}]*\"action_id\":\"deckhand.run.cancel\"")
                .matcher(post.get("blocks"));
        assertThat(matcher.find()).as("cancel button in %s", post.get("blocks")).isTrue();
        return matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
    }

    private static String privateMetadata(String view)
    {
        Matcher matcher = Pattern.compile("\"private_metadata\":\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(view);
        assertThat(matcher.find()).isTrue();
        return matcher.group(1).replace("\\\"", "\"").replace("\\\\", "\\");
    }

    private static boolean processAlive(Path pidFile)
            throws Exception
    {
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(pid).map(handle -> !handle.isAlive()).orElse(true));
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
