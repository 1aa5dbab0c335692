package dev.deckhand.errors;

import dev.deckhand.text.Bundle;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A service Deckhand depends on (Slack, AWS, the store) failed; not the person's fault and not a
 * bug. The exception's message, with its technical detail, goes to the log; people are told
 * {@link #explanation()} from the failing part's own bundle, with advice chosen by the service's
 * error {@link #code()} where one is known.
 */
public class ExternalFailure
        extends RuntimeException
{
    private final Bundle bundle;
    private final String explanation;
    private final List<Object> arguments;
    private final Optional<String> code;

    /**
     * {@code explanation}: a key in {@code bundle} saying what failed, with its name, value
     * {@code arguments}; {@code code}: the service's own error code (Slack's {@code not_in_channel}), if any.
     */
    protected ExternalFailure(String message, Throwable cause, Bundle bundle, Optional<String> code, String explanation, Object... arguments)
    {
        super(message, cause);
        this.bundle = requireNonNull(bundle, "bundle is null");
        this.code = requireNonNull(code, "code is null");
        this.explanation = requireNonNull(explanation, "explanation is null");
        this.arguments = List.of(arguments);
    }

    /** The bundle of the part that failed: its explanation and advice keys are there. */
    public Bundle bundle()
    {
        return bundle;
    }

    /** The key of what to tell people, in {@link #bundle()}. */
    public String explanation()
    {
        return explanation;
    }

    public Object[] arguments()
    {
        return arguments.toArray();
    }

    /** The service's error code, e.g. Slack's {@code channel_not_found}; advice is looked up by it as {@code advice.<code>}. */
    public Optional<String> code()
    {
        return code;
    }

    /** A key in {@link #bundle()} with what the person can do, when the failure knows better than the advice for its code. */
    public Optional<String> advice()
    {
        return Optional.empty();
    }
}
