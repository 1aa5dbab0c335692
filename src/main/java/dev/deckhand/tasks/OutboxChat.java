package dev.deckhand.tasks;

import com.slack.api.model.view.View;
import dev.deckhand.chat.Chat;
import dev.deckhand.chat.Conversation;
import dev.deckhand.chat.Message;
import dev.deckhand.chat.MessageRef;
import dev.deckhand.tasks.OutboxEntry.Kind;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * {@link Chat} through the outbox: posts, edits and private replies are stored first and
 * delivered in order, paced and retried, by {@link OutboxDrain}. A {@link MessageRef} names the
 * message before Slack has seen it. Forms and file uploads cannot wait, so they go directly.
 */
public final class OutboxChat
        implements Chat
{
    private final OutboxStore store;
    private final ChatTransport transport;
    private final Chat direct;
    private final OutboxSignal signal;
    private final Clock clock;
    private static final Duration UPLOAD_PATIENCE = Duration.ofSeconds(30);

    OutboxChat(OutboxStore store, ChatTransport transport, Chat direct, OutboxSignal signal, Clock clock)
    {
        this.store = requireNonNull(store, "store is null");
        this.transport = requireNonNull(transport, "transport is null");
        this.direct = requireNonNull(direct, "direct is null");
        this.signal = requireNonNull(signal, "signal is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public MessageRef post(String channel, Message message)
    {
        return add(channel, message, Optional.empty(), Optional.empty());
    }

    @Override
    public MessageRef post(String channel, Message message, Conversation requester)
    {
        return add(channel, message, requester.responseUrl(), Optional.of(requester.userId()).filter(user -> !requester.channelId().isEmpty()));
    }

    @Override
    public void update(MessageRef message, Message replacement)
    {
        store.add(message.id(), Kind.UPDATE, message.channel(), replacement.text(), blocks(replacement), Optional.empty(), Optional.empty(), clock.instant());
        signal.raise();
    }

    @Override
    public void ephemeral(Conversation conversation, Message message)
    {
        store.add(UUID.randomUUID().toString(), Kind.EPHEMERAL, conversation.channelId(), message.text(), blocks(message),
                conversation.responseUrl(), Optional.of(conversation.userId()), clock.instant());
        signal.raise();
    }

    @Override
    public void upload(String channel, String filename, String title, Path content)
    {
        // A file shows up in the channel at once; let the posts queued before it (e.g. the run's message) go first.
        Instant deadline = clock.instant().plus(UPLOAD_PATIENCE);
        while (store.pendingPosts(channel) > 0 && clock.instant().isBefore(deadline)) {
            signal.raise();
            try {
                TimeUnit.MILLISECONDS.sleep(100);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        direct.upload(channel, filename, title, content);
    }

    @Override
    public void openModal(String triggerId, View view)
    {
        direct.openModal(triggerId, view);
    }

    private MessageRef add(String channel, Message message, Optional<String> replyUrl, Optional<String> replyUser)
    {
        String key = UUID.randomUUID().toString();
        store.add(key, Kind.POST, channel, message.text(), blocks(message), replyUrl, replyUser, clock.instant());
        signal.raise();
        return new MessageRef(channel, key);
    }

    private Optional<String> blocks(Message message)
    {
        return message.blocks().isEmpty() ? Optional.empty() : Optional.of(transport.encode(message.blocks()));
    }
}
