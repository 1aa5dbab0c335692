package dev.deckhand.scripts;

import dev.deckhand.access.AccessPolicy;
import dev.deckhand.chat.AccessDenied;
import dev.deckhand.chat.ButtonAction;
import dev.deckhand.chat.Click;
import dev.deckhand.chat.Reply;
import jakarta.inject.Inject;

import static java.util.Objects.requireNonNull;

/** The Cancel button on a running script: the person who started it, or an admin, stops the whole process tree. */
final class CancelRunAction
        implements ButtonAction
{
    private final RunService runs;
    private final AccessPolicy access;

    @Inject
    CancelRunAction(RunService runs, AccessPolicy access)
    {
        this.runs = requireNonNull(runs, "runs is null");
        this.access = requireNonNull(access, "access is null");
    }

    @Override
    public String actionId()
    {
        return RunMessages.CANCEL_ACTION;
    }

    @Override
    public Reply handle(Click click)
    {
        ScriptRun run = runs.active().find(click.value()).orElse(null);
        if (run == null) {
            return Reply.text("That run has already finished; there is nothing to cancel.").withOutcome("finished");
        }
        if (!click.userId().equals(run.requester()) && !access.isAdmin(click.userId())) {
            throw new AccessDenied("Only <@" + run.requester() + ">, who started this run, or an admin can cancel it.");
        }
        run.cancel(click.userId());
        return Reply.none().withOutcome("cancelled");
    }
}
