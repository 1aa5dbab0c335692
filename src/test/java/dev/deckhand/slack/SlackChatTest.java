package dev.deckhand.slack;

import com.slack.api.Slack;
import com.slack.api.model.block.DividerBlock;
import com.slack.api.model.view.View;
import dev.deckhand.chat.ChatException;
import dev.deckhand.chat.Message;
import dev.deckhand.chat.MessageRef;
import dev.deckhand.config.Secret;
import dev.deckhand.testing.TestingSlack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** SlackChat against a fake Slack: the Home tab (views.publish for the user), replies in a thread (thread_ts), and Slack's refusals as ChatExceptions. */
class SlackChatTest
{
    private final TestingSlack slack = new TestingSlack();
    private final SlackSettings settings = new SlackSettings(Optional.empty(), Optional.of(new Secret("xoxb-test-token-000000")), Optional.empty(), slack.apiUrl());
    private final Slack sdk = SlackModule.slack(settings);
    private final SlackChat chat = new SlackChat(sdk, SlackModule.methods(sdk, settings));

    @AfterEach
    void stop()
            throws Exception
    {
        sdk.close();
        slack.close();
    }

    @Test
    void aHomeViewIsPublishedForItsUser()
    {
        chat.publishHome("U0ONE", home());

        assertThat(slack.homeViews("U0ONE")).singleElement().satisfies(view -> assertThat(view).contains("\"type\":\"home\"").contains("divider"));
    }

    @Test
    void aRateLimitSaysHowLongToWait()
    {
        slack.stubRateLimited("views.publish", 3);

        ChatException limited = catchThrowableOfType(ChatException.class, () -> chat.publishHome("U0ONE", home()));

        assertThat(limited.retryAfter()).contains(Duration.ofSeconds(3));
        assertThat(limited.getMessage()).contains("429").contains("views.publish");
    }

    @Test
    void aRefusalNamesSlacksErrorAndIsNoRateLimit()
    {
        slack.stubOk("views.publish", "{\"ok\":false,\"error\":\"not_enabled\"}");

        ChatException refused = catchThrowableOfType(ChatException.class, () -> chat.publishHome("U0ONE", home()));

        assertThat(refused.code()).contains("not_enabled");
        assertThat(refused.retryAfter()).isEmpty();
    }

    @Test
    void aReplyIsPostedInItsParentsThreadAndCanBeEdited()
    {
        MessageRef alert = chat.post("C0RUN", Message.text("job backup is failing"));
        MessageRef reply = chat.reply(alert, Message.text("run 2 failed: exit 1"));
        chat.update(reply, Message.text("run 2 failed: exit 1 (retried)"));

        assertThat(slack.threadReplies(alert.id())).singleElement().satisfies(call ->
                assertThat(call).containsEntry("channel", "C0RUN").containsEntry("text", "run 2 failed: exit 1"));
        assertThat(reply).isEqualTo(new MessageRef("C0RUN", "1700000000.000100"));
        assertThat(slack.calls("chat.update")).singleElement().satisfies(call ->
                assertThat(call).containsEntry("ts", reply.id()).containsEntry("text", "run 2 failed: exit 1 (retried)"));
    }

    @Test
    void aReplySlackRefusesIsAChatExceptionNamingTheError()
    {
        slack.stubOk("chat.postMessage", "{\"ok\":false,\"error\":\"thread_not_found\"}");

        ChatException refused = catchThrowableOfType(ChatException.class, () -> chat.reply(new MessageRef("C0RUN", "1700000000.000100"), Message.text("details")));

        assertThat(refused.code()).contains("thread_not_found");
    }

    private static View home()
    {
        return View.builder().type("home").blocks(List.of(DividerBlock.builder().build())).build();
    }
}
