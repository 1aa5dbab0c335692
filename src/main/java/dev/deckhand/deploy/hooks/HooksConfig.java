package dev.deckhand.deploy.hooks;

import dev.deckhand.config.Secret;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * {@code hooks}: who may report a push to {@code POST /hooks/ecr}. CI (or an EventBridge API
 * destination) with the bearer {@code token}; SNS with a signed notification from one of
 * {@code snsTopics}. Neither set: the endpoint refuses every call.
 */
public record HooksConfig(Optional<Secret> token, List<String> snsTopics)
{
    public HooksConfig
    {
        requireNonNull(token, "token is null");
        snsTopics = List.copyOf(requireNonNull(snsTopics, "snsTopics is null"));
    }

    /** The section when the file has none: no token, no topics. */
    public static HooksConfig none()
    {
        return new HooksConfig(Optional.empty(), List.of());
    }
}
