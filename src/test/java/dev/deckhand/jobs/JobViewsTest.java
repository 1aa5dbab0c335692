package dev.deckhand.jobs;

import dev.deckhand.chat.Message;
import dev.deckhand.jobs.JobDefinition.CatchUp;
import dev.deckhand.jobs.JobDefinition.Notify;
import dev.deckhand.jobs.JobDefinition.Overlap;
import dev.deckhand.jobs.JobDefinition.Retries;
import dev.deckhand.jobs.JobState.Health;
import dev.deckhand.text.Language;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The alert's words: since when, how many failed or were missed, flapping, in the job's zone, in English and Korean. */
class JobViewsTest
{
    private static final Instant T0 = Instant.parse("2025-06-01T05:30:00Z");

    @Test
    void anAlertSaysSinceWhenHowManyAndWhetherItFlaps()
    {
        JobState down = new JobState("build", Health.DOWN, T0, Optional.empty(), Optional.empty(), 3, Optional.of(T0), Optional.empty(), Optional.of(T0), 2, 1,
                Optional.empty(), Optional.empty(), Optional.empty(), 2, 0);
        JobRunRecord last = new JobRunRecord("run", "build", StartedBy.SCHEDULE, Optional.empty(), Optional.of(T0), Optional.empty(), 1, false, T0,
                Optional.of(T0.plus(Duration.ofSeconds(3))), Optional.of(JobOutcome.FAILED), OptionalInt.of(3), Optional.of(Duration.ofSeconds(3)),
                "the API said 500", Optional.empty(), Optional.empty());
        Message english = new JobViews(new JobsMessages(() -> Language.EN)).alert(job(), down, last);
        assertThat(english.text()).isEqualTo("*build* is failing since 06-01 14:30: 2 run(s) failed, 1 missed. It recovered and failed again 2 time(s) within an hour: flapping.");
        assertThat(english.blocks().toString()).contains("failed (exit 3) at 06-01 14:30").contains("the API said 500");
        Message korean = new JobViews(new JobsMessages(() -> Language.KO)).alert(job(), down, last);
        assertThat(korean.text()).contains("*build*이(가) 06-01 14:30부터 실패 중이에요: 실패 2회, 누락 1회.").contains("다시 2번 실패했어요");
    }

    private static JobDefinition job()
    {
        return new JobDefinition("build", Optional.empty(), Optional.empty(), ZoneId.of("Asia/Seoul"), new JobRun.Outside(), Optional.empty(), Duration.ofMinutes(5),
                Optional.empty(), Optional.empty(), Retries.NONE, 0, Overlap.FORBID, CatchUp.ONCE, Optional.empty(), Set.of(Notify.FAILURE), List.of(),
                Optional.empty(), Optional.empty());
    }
}
