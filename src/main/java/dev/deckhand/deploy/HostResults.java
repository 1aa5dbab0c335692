package dev.deckhand.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deckhand.aws.HostInvocation;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reading what a host said. The host script prints a one-line JSON result first
 * ({@code {"outcome":"deployed","digest":"sha256:…",…}}), because SSM keeps only the head of the
 * output. A host counts as having taken the image only when SSM says it succeeded <em>and</em> its
 * result says {@code deployed} or {@code unchanged} with this deploy's digest.
 */
final class HostResults
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TAIL_LINES = 8;
    private static final int TAIL_CHARACTERS = 600;

    private HostResults() {}

    static HostResult of(HostInvocation invocation, String digest)
    {
        Optional<String> result = resultLine(invocation.output());
        HostStatus status = HostStatus.of(invocation.status());
        if (status == HostStatus.SUCCEEDED && !tookDigest(result, digest)) {
            // Exit 0 without the new digest (an old document, a script that says otherwise) is not a success.
            status = HostStatus.FAILED;
        }
        return new HostResult(invocation.instanceId(), invocation.instanceName().isBlank() ? invocation.instanceId() : invocation.instanceName(),
                status, invocation.output(), result);
    }

    /** The first line, when it is a JSON object. */
    static Optional<String> resultLine(String output)
    {
        String first = output.strip().lines().findFirst().orElse("");
        if (!first.startsWith("{")) {
            return Optional.empty();
        }
        try {
            return JSON.readTree(first).isObject() ? Optional.of(first) : Optional.empty();
        }
        catch (Exception e) {
            return Optional.empty();
        }
    }

    static Optional<String> outcome(HostResult host)
    {
        return host.result().flatMap(line -> field(line, "outcome"));
    }

    static boolean tookDigest(Optional<String> result, String digest)
    {
        return result.map(line -> field(line, "outcome").filter(outcome -> outcome.equals("deployed") || outcome.equals("unchanged")).isPresent()
                && field(line, "digest").filter(digest::equals).isPresent()).orElse(false);
    }

    /** The last lines of what SSM kept, bounded for a message. */
    static String tail(String output)
    {
        List<String> lines = Arrays.asList(output.strip().split("\n"));
        List<String> last = lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size());
        String tail = String.join("\n", last);
        return tail.length() <= TAIL_CHARACTERS ? tail : "…" + tail.substring(tail.length() - TAIL_CHARACTERS + 1);
    }

    private static Optional<String> field(String line, String name)
    {
        try {
            JsonNode value = JSON.readTree(line).get(name);
            return value == null || !value.isTextual() ? Optional.empty() : Optional.of(value.asText());
        }
        catch (Exception e) {
            return Optional.empty();
        }
    }
}
