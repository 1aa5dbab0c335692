package dev.deckhand.slack;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;
import dev.deckhand.interaction.Invocation;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PayloadsTest
{
    @Test
    void aSlashCommandAsSlackSendsItMapsToAnInvocation()
    {
        Invocation invocation = Payloads.invocation(command("U0DEV", "C0RUN", "hello name=Kim"));

        assertThat(invocation.command()).isEqualTo("/run");
        assertThat(invocation.text()).isEqualTo("hello name=Kim");
        assertThat(invocation.userId()).isEqualTo("U0DEV");
        assertThat(invocation.conversation().channelId()).isEqualTo("C0RUN");
    }

    @Test
    void idsSlackWouldNeverSendAreRefusedWithWhatWasAsked()
    {
        String overlong = "U" + "0".repeat(64);

        assertThatThrownBy(() -> Payloads.invocation(command(overlong, "C0RUN", "solo")))
                .isInstanceOfSatisfying(MalformedRequest.class, malformed -> {
                    assertThat(malformed.reason()).isEqualTo("the user id is not a Slack id");
                    assertThat(malformed.userId()).isEqualTo(overlong);
                    assertThat(malformed.detail()).isEqualTo("/run solo");
                    assertThat(malformed.kind()).isEqualTo("command");
                });
        assertThatThrownBy(() -> Payloads.invocation(command(null, "C0RUN", "solo"))).hasMessage("the user id is missing");
        assertThatThrownBy(() -> Payloads.invocation(command("U0DEV", "C0;DROP", "solo"))).hasMessage("the channel id is not a Slack id");
        assertThatThrownBy(() -> Payloads.invocation(command("U0DEV", "C0RUN", "x".repeat(4001)))).hasMessage("the command text is longer than 4000 characters");
        SlashCommandPayload oddCommand = command("U0DEV", "C0RUN", "");
        oddCommand.setCommand("/" + "r".repeat(100));
        assertThatThrownBy(() -> Payloads.invocation(oddCommand)).hasMessage("the command name is not one Slack sends");
    }

    @Test
    void aClickWithoutAUserOrActionIdIsRefused()
    {
        BlockActionPayload payload = new BlockActionPayload();
        BlockActionPayload.Action action = new BlockActionPayload.Action();
        action.setActionId("deckhand.run.cancel");
        action.setValue("run-1");
        payload.setActions(List.of(action));

        assertThatThrownBy(() -> Payloads.clicks(payload)).hasMessage("the user id is missing");
        BlockActionPayload.User user = new BlockActionPayload.User();
        user.setId("U0DEV");
        payload.setUser(user);
        assertThat(Payloads.clicks(payload)).singleElement().satisfies(click -> assertThat(click.userId()).isEqualTo("U0DEV"));
        action.setActionId(null);
        assertThatThrownBy(() -> Payloads.clicks(payload)).hasMessage("the action id is missing");
    }

    @Test
    void aFieldLeftEmptyIsThereWithAnEmptyValue()
    {
        Map<String, Map<String, ViewState.Value>> values = new LinkedHashMap<>();
        ViewState.Value empty = new ViewState.Value();
        ViewState.Value given = new ViewState.Value();
        given.setValue("3");
        values.put("name", Map.of("value", empty));
        values.put("count", Map.of("value", given));
        ViewSubmissionPayload payload = submission(values);

        assertThat(Payloads.submission(payload).values()).isEqualTo(Map.of("name", "", "count", "3"));
    }

    private static SlashCommandPayload command(String user, String channel, String text)
    {
        SlashCommandPayload payload = new SlashCommandPayload();
        payload.setCommand("/run");
        payload.setText(text);
        payload.setUserId(user);
        payload.setChannelId(channel);
        payload.setChannelName("ops");
        payload.setTeamId("T0TEAM");
        payload.setResponseUrl("https://hooks.slack.com/commands/T0TEAM/1/abc");
        payload.setTriggerId("1.2.abc");
        return payload;
    }

    private static ViewSubmissionPayload submission(Map<String, Map<String, ViewState.Value>> values)
    {
        ViewState state = new ViewState();
        state.setValues(values);
        View view = new View();
        view.setCallbackId("deckhand.run.form");
        view.setPrivateMetadata("{}");
        view.setState(state);
        ViewSubmissionPayload.User user = new ViewSubmissionPayload.User();
        user.setId("U0DEV");
        ViewSubmissionPayload payload = new ViewSubmissionPayload();
        payload.setView(view);
        payload.setUser(user);
        return payload;
    }
}
