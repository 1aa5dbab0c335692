package dev.deckhand.deploy.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.deckhand.deploy.hooks.EcrEvents.Ignored;
import dev.deckhand.deploy.hooks.EcrEvents.Taken;
import dev.deckhand.web.BadRequest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class EcrEventsTest
{
    private static final String DIGEST = "sha256:" + "0f".repeat(32);
    private static final Instant NOW = Instant.parse("2025-02-01T00:00:00Z");

    @Test
    void aSuccessfulPushIsTakenWithItsOwnIdOrSnsMessageId()
    {
        String event = event("\"action-type\":\"PUSH\",\"result\":\"SUCCESS\",\"repository-name\":\"team/web\",\"image-digest\":\"" + DIGEST + "\",\"image-tag\":\"v1\"");

        assertThat(EcrEvents.event(json(event), Optional.empty(), "token"))
                .isEqualTo(new Taken(new ImagePushed("team/web", Optional.of("v1"), DIGEST, Instant.parse("2025-01-31T09:30:00Z"), "4f9d-1", "token")));
        assertThat(EcrEvents.event(json(event), Optional.of("sns-message-id"), "sns"))
                .isEqualTo(new Taken(new ImagePushed("team/web", Optional.of("v1"), DIGEST, Instant.parse("2025-01-31T09:30:00Z"), "sns-message-id", "sns")));
    }

    @Test
    void otherActionsResultsAndDetailTypesAreIgnoredWithoutRepeatingTheirText()
    {
        assertThat(EcrEvents.event(json(event("\"action-type\":\"DELETE\",\"result\":\"SUCCESS\"")), Optional.empty(), "sns"))
                .isEqualTo(new Ignored("action-type DELETE, result SUCCESS"));
        assertThat(EcrEvents.event(json(event("\"action-type\":\"PUSH\",\"result\":\"<script>\"")), Optional.empty(), "sns"))
                .isEqualTo(new Ignored("action-type PUSH, result (other)"));
        assertThat(EcrEvents.event(json(event("").replace("ECR Image Action", "ECR Image Scan")), Optional.empty(), "sns"))
                .isEqualTo(new Ignored("not an ECR Image Action event"));
    }

    @Test
    void aPushWithoutItsDigestOrTimeOrWithAnIdOfAnotherShapeIsMalformed()
    {
        assertThat(refusal(() -> EcrEvents.event(json(event("\"action-type\":\"PUSH\",\"result\":\"SUCCESS\",\"repository-name\":\"web\"")), Optional.empty(), "sns")))
                .hasMessage("The digest is missing or not sha256:<64 hex digits>.");
        assertThat(refusal(() -> EcrEvents.event(json(event("\"action-type\":\"PUSH\",\"result\":\"SUCCESS\",\"repository-name\":\"web\",\"image-digest\":\"" + DIGEST + "\"")
                .replace("\"time\":\"2025-01-31T09:30:00Z\",", "")), Optional.empty(), "sns"))).extracting(BadRequest::detail).isEqualTo("the event has no time");
        assertThat(refusal(() -> EcrEvents.event(json(event("")), Optional.of("id with spaces"), "sns"))).extracting(BadRequest::status).isEqualTo(400);
        assertThat(refusal(() -> EcrEvents.event(json(event("\"action-type\":\"PUSH\",\"result\":\"SUCCESS\",\"repository-name\":\"web\",\"image-digest\":\"" + DIGEST + "\",\"image-tag\":7")), Optional.empty(), "sns"))).extracting(BadRequest::detail).isEqualTo("image-tag is not a string");
    }

    @Test
    void theShortFormIsTheSamePushEachTimeItIsSent()
    {
        ImagePushed first = EcrEvents.shortForm(json("{\"repository\":\"web\",\"tag\":\"sha-1\",\"digest\":\"" + DIGEST + "\"}"), NOW);
        ImagePushed again = EcrEvents.shortForm(json("{\"digest\":\"" + DIGEST + "\",\"tag\":\"sha-1\",\"repository\":\"web\"}"), NOW.plusSeconds(30));

        assertThat(first.eventId()).isEqualTo(again.eventId()).isEqualTo("token:web:sha-1@" + DIGEST);
        assertThat(first.pushedAt()).isEqualTo(NOW);
        assertThat(refusal(() -> EcrEvents.shortForm(json("{\"repository\":\"web\",\"digest\":\"" + DIGEST + "\"}"), NOW))).extracting(BadRequest::detail).isEqualTo("no tag");
        assertThat(refusal(() -> EcrEvents.shortForm(json("{\"repository\":\"web\",\"tag\":\"sha-1\",\"digest\":\"" + DIGEST + "\",\"pushedAt\":\"today\"}"), NOW)))
                .hasMessage("The time is not an ISO-8601 instant such as 2025-01-31T09:30:00Z.");
    }

    private static String event(String detail)
    {
        return "{\"id\":\"4f9d-1\",\"detail-type\":\"ECR Image Action\",\"source\":\"aws.ecr\",\"time\":\"2025-01-31T09:30:00Z\",\"detail\":{" + detail + "}}";
    }

    private static JsonNode json(String text)
    {
        return EcrEvents.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    private static BadRequest refusal(Runnable reading)
    {
        BadRequest refusal = catchThrowableOfType(BadRequest.class, reading::run);
        assertThat(refusal).isNotNull();
        return refusal;
    }
}
