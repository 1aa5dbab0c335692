package dev.deckhand.slack;

import ch.qos.logback.classic.Level;
import com.slack.api.Slack;
import com.slack.api.model.block.DividerBlock;
import dev.deckhand.chat.Chat;
import dev.deckhand.chat.Conversation;
import dev.deckhand.chat.Message;
import dev.deckhand.config.Secret;
import dev.deckhand.outbox.ChatTransport;
import dev.deckhand.outbox.DeliveryException.Kind;
import dev.deckhand.outbox.DeliveryException;
import dev.deckhand.outbox.Outbox;
import dev.deckhand.store.Jdbc;
import dev.deckhand.testing.TestingDeckhand;
import dev.deckhand.testing.TestingLog.Logged;
import dev.deckhand.testing.TestingLog;
import dev.deckhand.testing.TestingSlack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/** The outbox's wire to Slack, built as SlackModule builds it, against fake Slacks on loopback: where a private reply may go. */
class SlackTransportTest
{
    @TempDir
    Path directory;
    private final TestingSlack slack = new TestingSlack();
    /** Somewhere that is not Slack, on plain http, that records whether anything reached it. */
    private final TestingSlack elsewhere = new TestingSlack();
    private final Slack sdk = SlackModule.slack(settings());
    private final ChatTransport transport = SlackModule.transport(sdk, SlackModule.methods(sdk, settings()), settings());

    @AfterEach
    void stop()
            throws Exception
    {
        sdk.close();
        slack.close();
        elsewhere.close();
    }

    @Test
    void aReplyToPlainHttpOnAnotherHostIsRefusedForGoodWithoutBeingSent()
    {
        DeliveryException refused = failure(elsewhereUrl());

        assertThat(refused.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(refused.error()).isEqualTo("response_url is not https: http://localhost");
        assertThat(refused.getCause()).as("nothing to print a stack trace of").isNull();
        assertThat(elsewhere.requestCount()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a url", "hooks.slack.com/commands/T0/1/abc", "https://", "https://hooks.slack.com:99999/commands", "ftp://127.0.0.1/r1", "javascript:alert(1)", ""})
    void aReplyToAMalformedResponseUrlIsRefusedForGoodWithoutAStackTrace(String responseUrl)
    {
        DeliveryException refused = failure(responseUrl);

        assertThat(refused.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(refused.error()).startsWith("response_url is not");
        assertThat(refused.getCause()).isNull();
    }

    @Test
    void theFakeSlacksOwnPlainHttpResponseUrlStillWorks()
    {
        transport.reply(slack.responseUrl("r1"), "hello", Optional.empty());

        assertThat(slack.bodies("/response/r1")).singleElement().asString().contains("\"text\":\"hello\"");
    }

    @Test
    void plainHttpIsRefusedEvenOnSlacksOwnHostWhenTheWebApiIsHttps()
    {
        ChatTransport toSlack = new SlackTransport(sdk, SlackModule.methods(sdk, settings()), SlackSettings.DEFAULT_API_URL);

        DeliveryException refused = catchThrowableOfType(DeliveryException.class, () -> toSlack.reply("http://slack.com/actions/T0/1/abc", "hello", Optional.empty()));

        assertThat(refused).isNotNull().extracting(DeliveryException::kind, DeliveryException::error)
                .containsExactly(Kind.PERMANENT, "response_url is not https: http://slack.com");
    }

    @Test
    void anHttpsResponseUrlIsSentWhereverItPoints()
    {
        // Plain http answers there, so the TLS handshake fails: it was tried, and a network failure may pass.
        DeliveryException failed = failure(elsewhereUrl().replace("http://localhost", "https://127.0.0.1"));

        assertThat(failed.kind()).isEqualTo(Kind.TRANSIENT);
    }

    @Test
    void aQueuedReplyToABadResponseUrlEndsAfterOneTryWithOneLogLineAndNoStackTrace()
            throws Exception
    {
        try (TestingDeckhand deckhand = TestingDeckhand.start(directory, "scripts:\n  dir: @DIR@\n", Map.of()); TestingLog log = TestingLog.capture()) {
            Chat chat = deckhand.instance(Chat.class);
            chat.ephemeral(asker(elsewhereUrl()), Message.text("to the wrong place"));
            chat.ephemeral(asker("not a url"), Message.text("to nowhere"));
            chat.ephemeral(asker(deckhand.slack().responseUrl("r2")), Message.text("to the right place"));

            await().until(() -> deckhand.instance(Outbox.class).depth() == 0);
            Jdbc jdbc = deckhand.instance(Jdbc.class);
            assertThat(jdbc.query("SELECT text, state, last_error FROM outbox ORDER BY id", row -> row.getString("text") + ": " + row.getString("state") + " (" + row.getString("last_error") + ")"))
                    .containsExactly("to the wrong place: failed (response_url is not https: http://localhost)",
                            "to nowhere: failed (response_url is not a URL)",
                            "to the right place: delivered (null)");
            assertThat(deckhand.slack().bodies("/response/")).singleElement().asString().contains("to the right place");
            // Settled for good: nothing more is tried, or logged, a while later.
            List<Logged> logged = log.events();
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> log.events().size() == logged.size() && elsewhere.requestCount() == 0);
            assertThat(logged).filteredOn(line -> line.message().contains("response_url")).singleElement()
                    .isEqualTo(new Logged("dev.deckhand.outbox.OutboxFailures", Level.WARN,
                            "Slack refuses deliveries to replies: response_url is not https: http://localhost; not retrying them", false));
            assertThat(logged).as("stack traces").noneMatch(Logged::stackTrace);
        }
    }

    @Test
    void aPostInAThreadSendsTheParentsTsAsThreadTs()
    {
        String parent = transport.post("C1", "job backup is failing", Optional.empty());
        String reply = transport.postInThread("C1", parent, "run 2 failed: exit 1", Optional.of(transport.encode(List.of(DividerBlock.builder().build()))));

        assertThat(reply).isEqualTo("1700000000.000100");
        assertThat(slack.calls("chat.postMessage")).first().satisfies(call -> assertThat(call).doesNotContainKey("thread_ts"));
        assertThat(slack.threadReplies(parent)).singleElement().satisfies(call -> {
            assertThat(call).containsEntry("channel", "C1").containsEntry("text", "run 2 failed: exit 1");
            assertThat(call.get("blocks")).contains("divider");
        });
    }

    @Test
    void aPostInAThreadSlackRefusesIsRefusedForGood()
    {
        slack.stubOk("chat.postMessage", "{\"ok\":false,\"error\":\"thread_not_found\"}");

        DeliveryException refused = catchThrowableOfType(DeliveryException.class, () -> transport.postInThread("C1", "1700000000.000100", "details", Optional.empty()));

        assertThat(refused).isNotNull().extracting(DeliveryException::kind, DeliveryException::error).containsExactly(Kind.PERMANENT, "thread_not_found");
    }

    private DeliveryException failure(String responseUrl)
    {
        DeliveryException failure = catchThrowableOfType(DeliveryException.class, () -> transport.reply(responseUrl, "hello", Optional.empty()));
        assertThat(failure).as("the reply to %s failed", responseUrl).isNotNull();
        return failure;
    }

    private String elsewhereUrl()
    {
        return elsewhere.responseUrl("r1").replace("http://127.0.0.1", "http://localhost");
    }

    private static Conversation asker(String responseUrl)
    {
        return new Conversation("C1", "ops", "U0DEV", Optional.of(responseUrl));
    }

    private SlackSettings settings()
    {
        return new SlackSettings(Optional.empty(), Optional.of(new Secret("xoxb-test-token-000000")), Optional.empty(), slack.apiUrl());
    }
}
