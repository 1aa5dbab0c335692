package dev.deckhand.errors;

import dev.deckhand.chat.Message;
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
            return new Translation("unavailable", Message.text(":x: " + what + " failed: " + external.forPeople() + ". " + external.advice().orElseGet(() -> advice(external))));
        }
        String ref = UUID.randomUUID().toString().substring(0, 8);
        log.error("{} failed, ref {}", what, ref, failure);
        return new Translation("failed", Message.text(":x: " + what + " failed, ref " + ref
                + ". This is a bug in Deckhand; tell an admin the ref."));
    }

    private static String advice(ExternalFailure failure)
    {
        String message = String.valueOf(failure.getMessage());
        if (message.contains("not_in_channel") || message.contains("channel_not_found")) {
            return "Deckhand is not in this channel: type `/invite @Deckhand` here, then try again.";
        }
        if (message.contains("invalid_auth") || message.contains("not_authed") || message.contains("token_revoked")) {
            return "Deckhand's Slack token is not accepted; tell an admin to check SLACK_BOT_TOKEN.";
        }
        return "Nothing else was changed; try again in a minute.";
    }

    /** What to say, and the outcome to audit. */
    public record Translation(String outcome, Message message) {}
}
