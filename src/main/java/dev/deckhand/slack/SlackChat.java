package dev.deckhand.slack;

import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.model.view.View;
import com.slack.api.util.json.GsonFactory;
import com.slack.api.webhook.WebhookResponse;
import dev.deckhand.chat.Chat;
import dev.deckhand.chat.ChatException;
import dev.deckhand.chat.Conversation;
import dev.deckhand.chat.Message;
import dev.deckhand.chat.MessageRef;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** {@link Chat} over the Slack Web API. Every call is checked; a Slack error becomes a {@link ChatException} naming it. */
final class SlackChat
        implements Chat
{
    private final Slack slack;
    private final MethodsClient methods;

    SlackChat(Slack slack, MethodsClient methods)
    {
        this.slack = requireNonNull(slack, "slack is null");
        this.methods = requireNonNull(methods, "methods is null");
    }

    @Override
    public MessageRef post(String channel, Message message)
    {
        var response = call("chat.postMessage", () -> methods.chatPostMessage(request -> request
                .channel(channel).text(message.text()).blocks(message.blocks().isEmpty() ? null : message.blocks())));
        return new MessageRef(response.getChannel(), response.getTs());
    }

    @Override
    public MessageRef reply(MessageRef parent, Message message)
    {
        var response = call("chat.postMessage", () -> methods.chatPostMessage(request -> request
                .channel(parent.channel()).threadTs(parent.id()).text(message.text()).blocks(message.blocks().isEmpty() ? null : message.blocks())));
        return new MessageRef(response.getChannel(), response.getTs());
    }

    @Override
    public void update(MessageRef target, Message replacement)
    {
        call("chat.update", () -> methods.chatUpdate(request -> request
                .channel(target.channel()).ts(target.id()).text(replacement.text())
                .blocks(replacement.blocks().isEmpty() ? null : replacement.blocks())));
    }

    @Override
    public void ephemeral(Conversation conversation, Message message)
    {
        if (conversation.responseUrl().isPresent()) {
            respond(conversation.responseUrl().get(), message);
            return;
        }
        call("chat.postEphemeral", () -> methods.chatPostEphemeral(request -> request
                .channel(conversation.channelId()).user(conversation.userId()).text(message.text())
                .blocks(message.blocks().isEmpty() ? null : message.blocks())));
    }

    @Override
    public void upload(String channel, String filename, String title, Path content)
    {
        call("files.uploadV2", () -> methods.filesUploadV2(request -> request
                .channel(channel).filename(filename).title(title).file(content.toFile())));
    }

    @Override
    public void openModal(String triggerId, View view)
    {
        call("views.open", () -> methods.viewsOpen(request -> request.triggerId(triggerId).view(view)));
    }

    @Override
    public void publishHome(String userId, View view)
    {
        call("views.publish", () -> methods.viewsPublish(request -> request.userId(userId).view(view)));
    }

    private void respond(String responseUrl, Message message)
    {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("response_type", "ephemeral");
        payload.put("replace_original", false);
        payload.put("text", message.text());
        if (!message.blocks().isEmpty()) {
            payload.put("blocks", message.blocks());
        }
        try {
            WebhookResponse response = slack.send(responseUrl, GsonFactory.createSnakeCase().toJson(payload));
            if (response.getCode() >= 300) {
                throw ChatException.replyRefused(response.getCode());
            }
        }
        catch (IOException e) {
            throw ChatException.unreachable("response_url", e);
        }
    }

    private static <T extends SlackApiTextResponse> T call(String method, SlackCall<T> call)
    {
        T response;
        try {
            response = call.execute();
        }
        catch (IOException e) {
            throw ChatException.unreachable(method, e);
        }
        catch (SlackApiException e) {
            if (e.getResponse().code() == 429) {
                throw ChatException.rateLimited(method, SlackTransport.retryAfter(e.getResponse().header("Retry-After")), e);
            }
            throw ChatException.httpStatus(method, e.getResponse().code(), e);
        }
        if (!response.isOk()) {
            throw ChatException.refused(method, response.getError());
        }
        return response;
    }

    @FunctionalInterface
    private interface SlackCall<T>
    {
        T execute()
                throws IOException, SlackApiException;
    }
}
