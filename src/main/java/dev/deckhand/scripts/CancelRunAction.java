package dev.deckhand.scripts;

import dev.deckhand.access.AccessPolicy;
import dev.deckhand.errors.AccessDenied;
import dev.deckhand.interaction.ButtonAction;
import dev.deckhand.interaction.Click;
import dev.deckhand.interaction.Outcome;
import dev.deckhand.interaction.Reply;
import dev.deckhand.scripts.ScriptRunStore.StoredRun;
import jakarta.inject.Inject;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The Cancel button on a running script: the person who started it, or an admin, stops the whole
 * process tree. The run may live on another replica; the request then reaches it through the store.
 */
final class CancelRunAction
        implements ButtonAction
{
    private final RunService runs;
    private final AccessPolicy access;
    private final ScriptsMessages messages;

    @Inject
    CancelRunAction(RunService runs, AccessPolicy access, ScriptsMessages messages)
    {
        this.runs = requireNonNull(runs, "runs is null");
        this.access = requireNonNull(access, "access is null");
        this.messages = requireNonNull(messages, "messages is null");
    }

    @Override
    public String actionId()
    {
        return RunMessages.CANCEL_ACTION;
    }

    @Override
    public boolean oncePerMessage()
    {
        return true;
    }

    @Override
    public Reply handle(Click click)
    {
        Optional<StoredRun> stored = runs.store().find(click.value()).filter(run -> run.status() == RunStatus.RUNNING);
        if (stored.isEmpty()) {
            return Reply.text(messages.text().get("cancel.finished")).withOutcome(Outcome.FINISHED);
        }
        String requester = stored.get().requester();
        if (!click.userId().equals(requester) && !access.isAdmin(click.userId())) {
            throw new AccessDenied(messages.text().get("cancel.refused", "user", requester));
        }
        Optional<ScriptRun> local = runs.active().find(click.value());
        if (local.isPresent()) {
            local.get().cancel(click.userId());
        }
        else {
            runs.store().requestCancel(click.value(), click.userId());
        }
        return Reply.none().withOutcome(Outcome.CANCELLED);
    }
}
