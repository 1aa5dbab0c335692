package dev.deckhand.interaction;

import dev.deckhand.chat.Message;

import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What a handler answers at once, inside Slack's 3 seconds: optionally a private message,
 * or, for a modal, errors to show next to its fields.
 */
public record Reply(Optional<Message> message, Map<String, String> fieldErrors, Outcome outcome)
{
    public Reply
    {
        requireNonNull(message, "message is null");
        fieldErrors = Map.copyOf(fieldErrors);
        requireNonNull(outcome, "outcome is null");
    }

    public static Reply none()
    {
        return new Reply(Optional.empty(), Map.of(), Outcome.OK);
    }

    public static Reply of(Message message)
    {
        return new Reply(Optional.of(message), Map.of(), Outcome.OK);
    }

    public static Reply text(String text)
    {
        return of(Message.text(text));
    }

    public static Reply fieldErrors(Map<String, String> errors)
    {
        return new Reply(Optional.empty(), errors, Outcome.REJECTED);
    }

    public Reply withOutcome(Outcome newOutcome)
    {
        return new Reply(message, fieldErrors, newOutcome);
    }
}
