package dev.deckhand.scripts;

import dev.deckhand.chat.Conversation;
import dev.deckhand.chat.MessageRef;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static java.util.Objects.requireNonNull;

/** One run of a script, from the click or command that asked for it to its last message edit. */
final class ScriptRun
{
    private final String id;
    private final ScriptDefinition script;
    private final Map<String, String> values;
    private final Conversation conversation;
    private final Instant started;
    private final AtomicReference<MessageRef> message = new AtomicReference<>();
    private final AtomicReference<RunningProcess> process = new AtomicReference<>();
    private final AtomicReference<String> cancelledBy = new AtomicReference<>();

    ScriptRun(String id, ScriptDefinition script, Map<String, String> values, Conversation conversation, Instant started)
    {
        this.id = requireNonNull(id, "id is null");
        this.script = requireNonNull(script, "script is null");
        this.values = Map.copyOf(values);
        this.conversation = requireNonNull(conversation, "conversation is null");
        this.started = requireNonNull(started, "started is null");
    }

    String id()
    {
        return id;
    }

    ScriptDefinition script()
    {
        return script;
    }

    Map<String, String> values()
    {
        return values;
    }

    Conversation conversation()
    {
        return conversation;
    }

    String requester()
    {
        return conversation.userId();
    }

    Instant started()
    {
        return started;
    }

    Optional<MessageRef> message()
    {
        return Optional.ofNullable(message.get());
    }

    void message(MessageRef ref)
    {
        message.set(ref);
    }

    void process(RunningProcess running)
    {
        process.set(running);
    }

    /** Asks the process tree to stop; false when it already finished or never started. */
    boolean cancel(String userId)
    {
        cancelledBy.compareAndSet(null, userId);
        RunningProcess running = process.get();
        return running != null && running.cancel();
    }

    Optional<String> cancelledBy()
    {
        return Optional.ofNullable(cancelledBy.get());
    }
}
