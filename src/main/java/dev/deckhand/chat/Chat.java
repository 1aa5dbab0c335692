package dev.deckhand.chat;

import com.slack.api.model.view.View;

import java.nio.file.Path;

/**
 * Talking to people. Implemented for Slack, for the console and for the log; every
 * capability posts through this port and never through a Slack client.
 * Failures to deliver throw {@link ChatException}.
 */
public interface Chat
{
    MessageRef post(String channel, Message message);

    /**
     * Posts on behalf of the person in {@code requester}: should the post never be delivered
     * (say, Deckhand is not in the channel), they are told why, privately.
     */
    default MessageRef post(String channel, Message message, Conversation requester)
    {
        return post(channel, message);
    }

    /**
     * Posts {@code message} as a reply in the thread of {@code parent}, a message {@link #post} returned;
     * the reply's ref can be {@link #update updated} like a post's. Replies to a reply's ref are not
     * supported: Slack threads are one level deep, so reply to the thread's first message instead.
     */
    MessageRef reply(MessageRef parent, Message message);

    void update(MessageRef message, Message replacement);

    /** A message only {@code conversation.userId()} sees. */
    void ephemeral(Conversation conversation, Message message);

    /** Uploads a text file to the channel, e.g. output too long for a message. */
    void upload(String channel, String filename, String title, Path content);

    void openModal(String triggerId, View view);

    /**
     * Shows {@code view} (of type {@code home}) as {@code userId}'s App Home tab, replacing what was
     * there. Not queued: a later publish shows the board anyway.
     */
    void publishHome(String userId, View view);
}
