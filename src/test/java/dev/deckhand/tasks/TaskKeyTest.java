package dev.deckhand.tasks;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Task keys name stored work; their JSON codec keeps records with times and optional fields, and reads what a newer version wrote. */
class TaskKeyTest
{
    record Tracking(String command, Optional<String> nextToken, Instant since) {}

    @Test
    void theJsonCodecRoundTripsRecordsWithTimesAndOptionalFields()
    {
        StateCodec<Tracking> codec = TaskKey.of("deploy-tracking", Tracking.class).codec();
        Tracking tracking = new Tracking("cmd-1", Optional.of("page-2"), Instant.parse("2026-06-01T10:00:00Z"));

        String stored = codec.encode(tracking);

        assertThat(stored).isEqualTo("{\"command\":\"cmd-1\",\"nextToken\":\"page-2\",\"since\":\"2026-06-01T10:00:00Z\"}");
        assertThat(codec.decode(stored)).isEqualTo(tracking);
        assertThat(codec.decode("{\"command\":\"cmd-1\",\"nextToken\":null,\"since\":\"2026-06-01T10:00:00Z\",\"added\":1}"))
                .as("a field from a newer version is ignored").isEqualTo(new Tracking("cmd-1", Optional.empty(), tracking.since()));
        assertThatThrownBy(() -> codec.decode("[]")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stored state is not a Tracking");
    }

    @Test
    void aNameIsShortAndPlain()
    {
        assertThat(TaskKey.of("deploy.tracking_v2-x", String.class)).isEqualTo(TaskKey.of("deploy.tracking_v2-x", String.class));
        assertThatThrownBy(() -> TaskKey.of("Deploy", String.class)).hasMessageContaining("lower-case");
        assertThatThrownBy(() -> TaskKey.of("deploy/tracking", String.class)).hasMessageContaining("lower-case");
        assertThatThrownBy(() -> TaskKey.of("x".repeat(81), String.class)).hasMessageContaining("at most 80");
    }
}
