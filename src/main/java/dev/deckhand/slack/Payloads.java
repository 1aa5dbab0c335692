package dev.deckhand.slack;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.model.view.ViewState;
import dev.deckhand.chat.Conversation;
import dev.deckhand.chat.MessageRef;
import dev.deckhand.interaction.Click;
import dev.deckhand.interaction.Invocation;
import dev.deckhand.interaction.Submission;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Slack payloads to Deckhand's Slack-free requests. Pure functions. */
final class Payloads
{
    private Payloads() {}

    static Invocation invocation(SlashCommandPayload payload)
    {
        Conversation conversation = new Conversation(
                orEmpty(payload.getChannelId()),
                orEmpty(payload.getChannelName()),
                orEmpty(payload.getUserId()),
                Optional.ofNullable(payload.getResponseUrl()));
        return new Invocation(payload.getCommand(), orEmpty(payload.getText()), conversation, Optional.ofNullable(payload.getTriggerId()));
    }

    static Click click(BlockActionPayload payload, BlockActionPayload.Action action)
    {
        String channelId = payload.getChannel() == null ? "" : orEmpty(payload.getChannel().getId());
        String channelName = payload.getChannel() == null ? "" : orEmpty(payload.getChannel().getName());
        Conversation conversation = new Conversation(channelId, channelName, payload.getUser().getId(), Optional.ofNullable(payload.getResponseUrl()));
        Optional<MessageRef> message = Optional.ofNullable(payload.getContainer())
                .map(BlockActionPayload.Container::getMessageTs)
                .filter(ts -> !channelId.isEmpty())
                .map(ts -> new MessageRef(channelId, ts));
        return new Click(action.getActionId(), orEmpty(action.getValue()), conversation, message, Optional.ofNullable(payload.getTriggerId()));
    }

    static Submission submission(ViewSubmissionPayload payload)
    {
        Map<String, String> values = new LinkedHashMap<>();
        if (payload.getView().getState() != null && payload.getView().getState().getValues() != null) {
            payload.getView().getState().getValues().forEach((blockId, actions) ->
                    actions.values().stream().findFirst().flatMap(Payloads::value).ifPresent(value -> values.put(blockId, value)));
        }
        return new Submission(payload.getView().getCallbackId(), orEmpty(payload.getView().getPrivateMetadata()), values, payload.getUser().getId());
    }

    private static Optional<String> value(ViewState.Value value)
    {
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
