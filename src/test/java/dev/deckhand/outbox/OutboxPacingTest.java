package dev.deckhand.outbox;

import dev.deckhand.outbox.OutboxEntry.Kind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class OutboxPacingTest
{
    private static final Instant T0 = Instant.parse("2026-11-25T00:00:00Z");
    private static final Duration IDLE = Duration.ofMillis(100);

    private final OutboxPacing pacing = new OutboxPacing(Duration.ofMillis(1100), Duration.ofSeconds(1));

    @Test
    void theGapCountsFromSlacksAnswerAndTheDrainWakesWhenItEnds()
    {
        assertThat(pacing.mayPost("C1", T0)).isTrue();
        pacing.sent(Kind.POST, "C1", "m1", T0.plusMillis(300));

        pacing.startPass();
        assertThat(pacing.mayPost("C1", T0.plusMillis(1200))).as("1.1 s after the call began, 0.9 s after the answer").isFalse();
        assertThat(pacing.nextRelease(T0.plusMillis(1200), IDLE)).isEqualTo(Duration.ofMillis(100));
        assertThat(pacing.nextRelease(T0.plusMillis(1350), IDLE)).isEqualTo(Duration.ofMillis(50));
        assertThat(pacing.mayPost("C1", T0.plusMillis(1400))).isTrue();
    }

    @Test
    void editsArePacedPerMessageAndPostsPerChannel()
    {
        assertThat(pacing.mayEdit("m1", T0)).isTrue();
        assertThat(pacing.mayEdit("m2", T0)).isTrue();
        assertThat(pacing.mayPost("C1", T0)).as("edits do not hold back posts").isTrue();

        pacing.startPass();
        assertThat(pacing.mayEdit("m1", T0.plusMillis(999))).isFalse();
        assertThat(pacing.nextRelease(T0.plusMillis(999), Duration.ofSeconds(5))).isEqualTo(Duration.ofMillis(1));
        assertThat(pacing.mayEdit("m1", T0.plusSeconds(1))).isTrue();
    }

    @Test
    void withNothingHeldBackTheDrainWaitsTheIdleTime()
    {
        pacing.startPass();

        assertThat(pacing.nextRelease(T0, IDLE)).isEqualTo(IDLE);
    }
}
