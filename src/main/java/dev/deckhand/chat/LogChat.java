package dev.deckhand.chat;

import com.slack.api.model.view.View;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/** {@link Chat} for when no Slack bot token is set: everything is written to the log. */
public final class LogChat
        implements Chat
{
    private static final Logger log = LoggerFactory.getLogger(LogChat.class);

    @Override
    public MessageRef post(String channel, Message message)
    {
        MessageRef ref = new MessageRef(channel, UUID.randomUUID().toString());
        log.info("[{}] {}", channel, TextRenderer.render(message));
        return ref;
    }

    @Override
    public MessageRef reply(MessageRef parent, Message message)
    {
        MessageRef ref = new MessageRef(parent.channel(), UUID.randomUUID().toString());
        log.info("[{}] (reply to {}) {}", parent.channel(), parent.id(), TextRenderer.render(message));
        return ref;
    }

    @Override
    public void update(MessageRef message, Message replacement)
    {
        log.info("[{}] (edit) {}", message.channel(), TextRenderer.render(replacement));
    }

    @Override
    public void ephemeral(Conversation conversation, Message message)
    {
        log.info("[{} to {}] {}", conversation.channelId(), conversation.userId(), TextRenderer.render(message));
    }

    @Override
    public void upload(String channel, String filename, String title, Path content)
    {
        log.info("[{}] file {} ({}) at {}", channel, filename, title, content);
    }

    @Override
    public void openModal(String triggerId, View view)
    {
        log.info("modal '{}' not shown: no Slack bot token", view.getTitle() == null ? "" : view.getTitle().getText());
    }

    @Override
    public void publishHome(String userId, View view)
    {
        log.info("[home of {}] {}", userId, TextRenderer.render(new Message("", view.getBlocks() == null ? List.of() : view.getBlocks())).replace('\n', ' '));
    }
}
