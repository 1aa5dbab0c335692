package dev.deckhand.chat;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;

/**
 * The one place failures become words for people: a user error is a hint, a failure of
 * Slack or another service is said plainly, and a bug is "failed, ref <id>" with the stack
 * trace in the log only.
 */
public final class ErrorTranslator
{
    private static final Logger log = LoggerFactory.getLogger(ErrorTranslator.class);

    public Translation translate(String what, Throwable failure)
    {
        if (failure instanceof UserError userError) {
            return new Translation(userError.outcome(), Message.text(":warning: " + userError.getMessage()));
        }
        if (failure instanceof ExternalFailure external) {
            log.warn("{} failed: {}", what, external.getMessage());
            return new Translation("unavailable", Message.text(":x: " + what + " failed: " + external.getMessage()
                    + ". Nothing else was changed; try again in a minute."));
        }
        String ref = UUID.randomUUID().toString().substring(0, 8);
        log.error("{} failed, ref {}", what, ref, failure);
        return new Translation("failed", Message.text(":x: " + what + " failed, ref " + ref
                + ". This is a bug in Deckhand; tell an admin the ref."));
    }

    /** What to say, and the outcome to audit. */
    public record Translation(String outcome, Message message) {}
}
