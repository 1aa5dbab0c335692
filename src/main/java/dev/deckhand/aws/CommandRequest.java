package dev.deckhand.aws;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * A Run Command to send: the document (name and version, e.g. {@code $DEFAULT} or {@code 3}), the
 * targets, the document's parameters (each a list of strings, as SSM takes them), the rollout
 * ({@code maxConcurrency}, {@code maxErrors}: a number or a percentage), how long it may wait
 * to be delivered (sent as whole seconds within SSM's 30 s to 30 days), and a comment naming the
 * deploy and the person (SSM keeps 100 characters; a longer one is cut).
 */
public record CommandRequest(String documentName, String documentVersion, Targets targets, Map<String, List<String>> parameters,
        String maxConcurrency, String maxErrors, Duration deliveryTimeout, String comment)
{
    public CommandRequest
    {
        requireNonNull(documentName, "documentName is null");
        requireNonNull(documentVersion, "documentVersion is null");
        requireNonNull(targets, "targets is null");
        parameters = Map.copyOf(parameters);
        requireNonNull(maxConcurrency, "maxConcurrency is null");
        requireNonNull(maxErrors, "maxErrors is null");
        requireNonNull(deliveryTimeout, "deliveryTimeout is null");
        requireNonNull(comment, "comment is null");
    }
}
