package dev.deckhand.deploy.hooks;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.deckhand.web.BadRequest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The pushes the hook reads, as pure functions: EventBridge's "ECR Image Action" event (a
 * successful PUSH is taken, any other event ignored) and Deckhand's short form from CI,
 * {@code {"repository", "tag", "digest", "pushedAt"?}}. A body of neither shape is a 400, whose
 * message never repeats what was sent.
 */
final class EcrEvents
{
    private static final ObjectMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final Pattern REPOSITORY = Pattern.compile("(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*");
    private static final int MAX_REPOSITORY = 256;
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Set<String> SHORT_FORM = Set.of("repository", "tag", "digest", "pushedAt");
    private static final String SHAPE = "The body is neither an ECR Image Action event nor {\"repository\", \"tag\", \"digest\", \"pushedAt\"?}.";

    private EcrEvents() {}

    /** What the hook makes of an event: a push to hand on, or the reason it is none of Deckhand's business. */
    sealed interface Reading permits Taken, Ignored {}

    record Taken(ImagePushed push)
            implements Reading
    {
        Taken
        {
            requireNonNull(push, "push is null");
        }
    }

    record Ignored(String why)
            implements Reading {}

    static JsonNode parse(byte[] body)
    {
        try {
            JsonNode json = JSON.readTree(body);
            if (json == null || !json.isObject()) {
                throw new BadRequest(400, SHAPE, "not a JSON object");
            }
            return json;
        }
        catch (IOException e) {
            throw new BadRequest(400, "The body is not JSON.", "not JSON");
        }
    }

    /** An SNS notification's {@code Message}: SNS checked the envelope, this is the event inside it. */
    static JsonNode parseMessage(String message)
    {
        try {
            JsonNode json = JSON.readTree(message.getBytes(StandardCharsets.UTF_8));
            if (json != null && json.isObject()) {
                return json;
            }
        }
        catch (IOException e) {
            // answered below
        }
        throw new BadRequest(400, "The notification's Message is not a JSON event.", "an SNS Message that is not a JSON object");
    }

    /** EventBridge's events say what they are; the short form does not. */
    static boolean isEvent(JsonNode body)
    {
        return body.has("detail-type");
    }

    /** An EventBridge event; its id is {@code eventId} when given (SNS's MessageId, the same on SNS's retries), its own {@code id} otherwise. */
    static Reading event(JsonNode event, Optional<String> eventId, String via)
    {
        String id = eventId.isPresent() ? eventId.get() : text(event, "id").orElseThrow(() -> shape("the event has no id"));
        JsonNode detail = event.path("detail");
        if (!EVENT_ID.matcher(id).matches() || !detail.isObject()) {
            throw shape("the event has no detail or an id of another shape");
        }
        if (!"aws.ecr".equals(text(event, "source").orElse("")) || !"ECR Image Action".equals(text(event, "detail-type").orElse(""))) {
            return new Ignored("not an ECR Image Action event");
        }
        String action = text(detail, "action-type").orElse("");
        String result = text(detail, "result").orElse("");
        if (!action.equals("PUSH") || !result.equals("SUCCESS")) {
            return new Ignored("action-type " + named(action) + ", result " + named(result));
        }
        return new Taken(new ImagePushed(
                repository(text(detail, "repository-name")),
                tag(text(detail, "image-tag")),
                digest(text(detail, "image-digest")),
                instant(text(event, "time").orElseThrow(() -> shape("the event has no time"))),
                id,
                via));
    }

    /** CI's own report of what it pushed; when is now unless it says. */
    static ImagePushed shortForm(JsonNode body, Instant now)
    {
        for (Iterator<String> keys = body.fieldNames(); keys.hasNext(); ) {
            if (!SHORT_FORM.contains(keys.next())) {
                throw shape("a key the short form does not have");
            }
        }
        String repository = repository(text(body, "repository"));
        String tag = tag(text(body, "tag")).orElseThrow(() -> shape("no tag"));
        String digest = digest(text(body, "digest"));
        Instant pushedAt = text(body, "pushedAt").map(EcrEvents::instant).orElse(now);
        // The same push reported twice (a CI retry) has the same id, so the receiver can tell.
        return new ImagePushed(repository, Optional.of(tag), digest, pushedAt, "token:" + repository + ":" + tag + "@" + digest, "token");
    }

    private static String repository(Optional<String> repository)
    {
        return repository.filter(name -> name.length() <= MAX_REPOSITORY && REPOSITORY.matcher(name).matches())
                .orElseThrow(() -> new BadRequest(400, "The repository name is missing or not an ECR repository name.", "repository"));
    }

    private static Optional<String> tag(Optional<String> tag)
    {
        if (tag.isPresent() && !TAG.matcher(tag.get()).matches()) {
            throw new BadRequest(400, "The tag is not an image tag.", "tag");
        }
        return tag;
    }

    private static String digest(Optional<String> digest)
    {
        return digest.filter(value -> DIGEST.matcher(value).matches())
                .orElseThrow(() -> new BadRequest(400, "The digest is missing or not sha256:<64 hex digits>.", "digest"));
    }

    private static Instant instant(String text)
    {
        try {
            return Instant.parse(text);
        }
        catch (DateTimeParseException e) {
            throw new BadRequest(400, "The time is not an ISO-8601 instant such as 2025-01-31T09:30:00Z.", "time");
        }
    }

    /** A text field; absent and null alike are empty, any other kind of value is not of the shape. */
    private static Optional<String> text(JsonNode node, String key)
    {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw shape(key + " is not a string");
        }
        return Optional.of(value.textValue());
    }

    /** For the debug line: ECR's words as they are, anything else not repeated. */
    private static String named(String word)
    {
        return word.matches("[A-Z_]{1,32}") ? word : "(other)";
    }

    private static BadRequest shape(String detail)
    {
        return new BadRequest(400, SHAPE, detail);
    }
}
