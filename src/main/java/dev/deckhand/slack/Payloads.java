package dev.deckhand.slack;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.model.event.AppHomeOpenedEvent;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;
import dev.deckhand.chat.Conversation;
import dev.deckhand.chat.MessageRef;
import dev.deckhand.interaction.Click;
import dev.deckhand.interaction.Invocation;
import dev.deckhand.interaction.Submission;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Slack payloads to Deckhand's Slack-free requests, checked first: a payload that is not what Slack
 * sends (see {@link PayloadCheck}) is a {@link MalformedRequest}, never a half-filled request. Pure functions.
 */
final class Payloads
{
    // Slack's own limits: command names 32 characters, private_metadata 3000, button values 2000, input values 3000, 100 blocks a view.
    private static final Pattern COMMAND = Pattern.compile("/[^\\s/]{1,32}");
    static final int MAX_TEXT = 4000;
    private static final int MAX_NAME = 255;
    private static final int MAX_METADATA = 3000;
    private static final int MAX_BUTTON_VALUE = 2000;
    private static final int MAX_INPUT_VALUE = 3000;
    private static final int MAX_FIELDS = 100;
    private static final String HOME_TAB = "home";
    private static final Pattern MESSAGE_TS = Pattern.compile("\\d{1,16}\\.\\d{1,16}");

    private Payloads() {}

    static Invocation invocation(SlashCommandPayload payload)
    {
        new PayloadCheck("command", payload.getCommand(), payload.getCommand() + " " + payload.getText(), payload.getUserId(), payload.getChannelId())
                .that(payload.getCommand() != null && COMMAND.matcher(payload.getCommand()).matches(), "the command name is not one Slack sends")
                .id("user id", payload.getUserId(), true)
                .id("channel id", payload.getChannelId(), true)
                .id("team id", payload.getTeamId(), false)
                .length("command text", payload.getText(), MAX_TEXT)
                .length("channel name", payload.getChannelName(), MAX_NAME)
                .url("response URL", payload.getResponseUrl())
                .token("trigger id", payload.getTriggerId())
                .done();
        Conversation conversation = new Conversation(payload.getChannelId(), orEmpty(payload.getChannelName()), payload.getUserId(),
                Optional.ofNullable(payload.getResponseUrl()));
        return new Invocation(payload.getCommand(), orEmpty(payload.getText()), conversation, Optional.ofNullable(payload.getTriggerId()));
    }

    /** One click per action in the payload (Slack sends one). */
    static List<Click> clicks(BlockActionPayload payload)
    {
        List<Click> clicks = new ArrayList<>();
        for (BlockActionPayload.Action action : payload.getActions() == null ? List.<BlockActionPayload.Action>of() : payload.getActions()) {
            clicks.add(click(payload, action));
        }
        return clicks;
    }

    static Click click(BlockActionPayload payload, BlockActionPayload.Action action)
    {
        String userId = payload.getUser() == null ? null : payload.getUser().getId();
        String channelId = payload.getChannel() == null ? "" : orEmpty(payload.getChannel().getId());
        String channelName = payload.getChannel() == null ? "" : orEmpty(payload.getChannel().getName());
        String actionId = action == null ? null : action.getActionId();
        String value = action == null ? null : action.getValue();
        Optional<String> messageTs = Optional.ofNullable(payload.getContainer()).map(BlockActionPayload.Container::getMessageTs);
        new PayloadCheck("click", actionId, orEmpty(value), userId, channelId)
                .that(actionId != null && !actionId.isEmpty(), "the action id is missing")
                .token("action id", actionId)
                .id("user id", userId, true)
                .id("channel id", channelId, false)
                .id("team id", payload.getTeam() == null ? null : payload.getTeam().getId(), false)
                .length("button value", value, MAX_BUTTON_VALUE)
                .length("channel name", channelName, MAX_NAME)
                .that(messageTs.map(ts -> MESSAGE_TS.matcher(ts).matches()).orElse(true), "the message timestamp is not one Slack sends")
                .url("response URL", payload.getResponseUrl())
                .token("trigger id", payload.getTriggerId())
                .done();
        Conversation conversation = new Conversation(channelId, channelName, userId, Optional.ofNullable(payload.getResponseUrl()));
        Optional<MessageRef> message = messageTs.filter(ts -> !channelId.isEmpty()).map(ts -> new MessageRef(channelId, ts));
        return new Click(actionId, orEmpty(value), conversation, message, Optional.ofNullable(payload.getTriggerId()));
    }

    /** Every input of the form by block id; a field left empty is there with an empty value, so a handler can say it is required. */
    static Submission submission(ViewSubmissionPayload payload)
    {
        String userId = payload.getUser() == null ? null : payload.getUser().getId();
        View view = payload.getView();
        Map<String, Map<String, ViewState.Value>> state = view.getState() == null || view.getState().getValues() == null
                ? Map.of() : view.getState().getValues();
        PayloadCheck check = new PayloadCheck("modal", view.getCallbackId(), orEmpty(view.getPrivateMetadata()), userId, "")
                .that(view.getCallbackId() != null && !view.getCallbackId().isEmpty(), "the form's callback id is missing")
                .token("callback id", view.getCallbackId())
                .id("user id", userId, true)
                .id("team id", payload.getTeam() == null ? null : payload.getTeam().getId(), false)
                .length("form's private metadata", view.getPrivateMetadata(), MAX_METADATA)
                .that(state.size() <= MAX_FIELDS, "the form has more than " + MAX_FIELDS + " fields");
        Map<String, String> values = new LinkedHashMap<>();
        state.forEach((blockId, actions) -> {
            String value = actions == null ? "" : actions.values().stream().findFirst().flatMap(Payloads::value).orElse("");
            check.token("block id", blockId).length("value of a field", value, MAX_INPUT_VALUE);
            values.put(blockId, value);
        });
        check.done();
        return new Submission(view.getCallbackId(), orEmpty(view.getPrivateMetadata()), values, userId);
    }

    /**
     * The person who opened Deckhand's App Home tab, with the app's direct-message channel; empty when
     * the tab opened is another one (Messages, About).
     */
    static Optional<Conversation> homeOpened(AppHomeOpenedEvent event)
    {
        String userId = event == null ? null : event.getUser();
        String channelId = event == null ? "" : orEmpty(event.getChannel());
        new PayloadCheck("event", "app_home_opened", "", userId, channelId)
                .that(event != null, "the event is missing")
                .id("user id", userId, true)
                .id("channel id", channelId, false)
                .token("tab", event == null ? null : event.getTab())
                .done();
        if (!HOME_TAB.equals(event.getTab())) {
            return Optional.empty();
        }
        return Optional.of(new Conversation(channelId, "", userId, Optional.empty()));
    }

    private static Optional<String> value(ViewState.Value value)
    {
        if (value == null) {
            return Optional.empty();
        }
        if (value.getSelectedOption() != null) {
            return Optional.ofNullable(value.getSelectedOption().getValue());
        }
        return Optional.ofNullable(value.getValue());
    }

    private static String orEmpty(String text)
    {
        return text == null ? "" : text;
    }
}
