package dev.deckhand.slack;

import dev.deckhand.config.Secret;
import dev.deckhand.testing.SlackRequests;
import dev.deckhand.testing.TestingClock;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SignatureCheckTest
{
    private static final String SECRET = "test-signing-secret";
    private static final Instant NOW = Instant.parse("2026-03-01T09:00:00Z");

    private final TestingClock clock = new TestingClock(NOW);
    private final SignatureCheck check = new SignatureCheck(new Secret(SECRET), clock);
    // The tests' own signer, which signs as Slack documents it.
    private final SlackRequests slack = new SlackRequests(1, SECRET, null);

    @Test
    void slacksSignatureOverTheExactBytesIsAccepted()
    {
        String body = "command=%2Frun&text=hello%20world";
        String timestamp = seconds(NOW);

        assertThat(check.refusal(List.of(timestamp), List.of(slack.sign(timestamp, body)), bytes(body))).isEmpty();
        assertThat(check.refusal(List.of(timestamp), List.of(slack.sign(timestamp, body)), bytes(body + "\n"))).contains("the signature does not match");
        assertThat(check.refusal(List.of(timestamp), List.of(slack.sign(timestamp, body).toUpperCase()), bytes(body))).contains("the signature does not match");
    }

    @Test
    void aBodyThatIsNotUtf8IsCheckedAsItCame()
    {
        byte[] body = {'a', '=', (byte) 0xff, (byte) 0xfe};
        String timestamp = seconds(NOW);

        assertThat(check.refusal(List.of(timestamp), List.of(slack.sign(timestamp, "a=")), body)).contains("the signature does not match");
    }

    @Test
    void eachHeaderMustComeExactlyOnce()
    {
        String body = "command=%2Frun";
        String timestamp = seconds(NOW);
        String signature = slack.sign(timestamp, body);

        assertThat(check.refusal(List.of(timestamp), List.of(signature, signature), bytes(body))).contains("one timestamp, 2 signatures");
        assertThat(check.refusal(List.of(timestamp, timestamp), List.of(signature), bytes(body))).contains("2 timestamps, one signature");
        assertThat(check.refusal(List.of(), List.of(), bytes(body))).contains("no timestamp, no signature");
    }

    @Test
    void theTimestampMustBeWithinFiveMinutesEitherWay()
    {
        String body = "command=%2Frun";
        for (Duration offset : List.of(Duration.ofMinutes(-5), Duration.ofMinutes(5), Duration.ZERO)) {
            String timestamp = seconds(NOW.plus(offset));
            assertThat(check.refusal(List.of(timestamp), List.of(slack.sign(timestamp, body)), bytes(body))).as("%s", offset).isEmpty();
        }
        for (Duration offset : List.of(Duration.ofMinutes(-5).minusSeconds(1), Duration.ofMinutes(5).plusSeconds(1), Duration.ofDays(-400))) {
            String timestamp = seconds(NOW.plus(offset));
            assertThat(check.refusal(List.of(timestamp), List.of(slack.sign(timestamp, body)), bytes(body))).as("%s", offset)
                    .contains("the timestamp is more than 5 minutes from now");
        }
        for (String timestamp : List.of("", "-1", "1e9", "99999999999999999999", " 1772355600")) {
            assertThat(check.refusal(List.of(timestamp), List.of(slack.sign(timestamp, body)), bytes(body))).as(timestamp)
                    .contains("the timestamp is not a number of seconds");
        }
    }

    private static String seconds(Instant instant)
    {
        return Long.toString(instant.getEpochSecond());
    }

    private static byte[] bytes(String text)
    {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
