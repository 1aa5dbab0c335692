package dev.deckhand.outbox;

import com.slack.api.model.view.View;
import dev.deckhand.chat.Chat;
import dev.deckhand.chat.ChatException;
import dev.deckhand.chat.Conversation;
import dev.deckhand.chat.Message;
import dev.deckhand.chat.MessageRef;
import dev.deckhand.outbox.OutboxEntry.Kind;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * {@link Chat} through the outbox: posts, edits and private replies are stored first and
 * delivered in order, paced and retried, by {@link OutboxDrain}. A {@link MessageRef} names the
 * message before Slack has seen it. File uploads are queued too, after the posts before them.
 * A reply in a thread is a post in its parent's channel, so it goes after its parent; it is sent
 * with the parent's ts, looked up when it goes, and ends as its parent did should that never go.
 * Forms cannot wait (their trigger expires in seconds), so they go directly; so does the Home tab,
 * which the next open or change publishes again anyway: it is tried once more only when Slack
 * asks to wait a little ({@link #MAX_HOME_WAIT} at most).
 */
public final class OutboxChat
        implements Chat
{
    static final Duration MAX_HOME_WAIT = Duration.ofSeconds(5);

    private final OutboxStore store;
    private final ChatTransport transport;
    private final Chat direct;
    private final OutboxSignal signal;
    private final Clock clock;

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
    public MessageRef reply(MessageRef parent, Message message)
    {
        String key = UUID.randomUUID().toString();
        store.addReply(key, parent.id(), parent.channel(), message.text(), blocks(message), clock.instant());
        signal.raise();
        return new MessageRef(parent.channel(), key);
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
        byte[] compressed;
        try {
            compressed = Gzip.compress(content);
        }
        catch (UncheckedIOException e) {
            throw ChatException.fileUnreadable(String.valueOf(e.getCause().getMessage()), e);
        }
        store.addUpload(UUID.randomUUID().toString(), channel, filename, title, compressed, clock.instant());
        signal.raise();
    }

    @Override
    public void openModal(String triggerId, View view)
    {
        direct.openModal(triggerId, view);
    }

    @Override
    public void publishHome(String userId, View view)
    {
        try {
            direct.publishHome(userId, view);
        }
        catch (ChatException e) {
            Duration wait = e.retryAfter().filter(after -> after.compareTo(MAX_HOME_WAIT) <= 0).orElseThrow(() -> e);
            if (!pause(wait)) {
                throw e;
            }
            direct.publishHome(userId, view);
        }
    }

    /** False when interrupted: Deckhand is stopping. */
    private static boolean pause(Duration wait)
    {
        try {
            Thread.sleep(Math.max(wait.toMillis(), 200));
            return true;
        }
        catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
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
