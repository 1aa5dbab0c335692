package dev.deckhand.outbox;

import com.slack.api.model.block.LayoutBlock;

import java.util.List;
import java.util.Optional;

/**
 * The wire to the chat service that the outbox delivers over. Every method either succeeds or
 * throws {@link DeliveryException} saying whether to wait, retry or give up.
 */
public interface ChatTransport
{
    /** Posts and returns the message's id in the chat service (Slack: its ts). */
    String post(String channel, String text, Optional<String> blocks);

    /** Posts in the thread of the message {@code parentId} (Slack: thread_ts) and returns the reply's id. */
    String postInThread(String channel, String parentId, String text, Optional<String> blocks);

    void update(String channel, String id, String text, Optional<String> blocks);

    /** A private reply through a response URL. */
    void reply(String responseUrl, String text, Optional<String> blocks);

    /** A private message to {@code user} in {@code channel}. */
    void ephemeral(String channel, String user, String text, Optional<String> blocks);

    /** Uploads a file to {@code channel}, where it shows as a message of its own. */
    void upload(String channel, String filename, String title, byte[] content);

    /** Blocks in the form {@link #post} and {@link #update} take. */
    String encode(List<LayoutBlock> blocks);

    /** For modes that never queue (the console, log-only): any delivery is refused. */
    static ChatTransport none()
    {
        return new ChatTransport()
        {
            @Override
            public String post(String channel, String text, Optional<String> blocks)
            {
                throw refused();
            }

            @Override
            public String postInThread(String channel, String parentId, String text, Optional<String> blocks)
            {
                throw refused();
            }

            @Override
            public void update(String channel, String id, String text, Optional<String> blocks)
            {
                throw refused();
            }

            @Override
            public void reply(String responseUrl, String text, Optional<String> blocks)
            {
                throw refused();
            }

            @Override
            public void ephemeral(String channel, String user, String text, Optional<String> blocks)
            {
                throw refused();
            }

            @Override
            public void upload(String channel, String filename, String title, byte[] content)
            {
                throw refused();
            }

            @Override
            public String encode(List<LayoutBlock> blocks)
            {
                return "[]";
            }

            private DeliveryException refused()
            {
                return new DeliveryException(DeliveryException.Kind.PERMANENT, "no chat service in this mode", Optional.empty(), null);
            }
        };
    }
}
