package dev.deckhand.deploy;

import dev.deckhand.aws.HostInvocation;
import dev.deckhand.aws.InvocationStatus;
import dev.deckhand.text.Bundle;
import dev.deckhand.text.Language;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** What counts as a host that took the image, and what is shown of one that did not. */
class HostResultsTest
{
    private static final String DIGEST = "sha256:" + "a".repeat(64);

    @Test
    void aHostSucceedsOnlyWithExitZeroAndItsResultNamingThisDigest()
    {
        assertThat(status(InvocationStatus.SUCCESS, "{\"outcome\":\"deployed\",\"digest\":\"" + DIGEST + "\"}\nlog")).isEqualTo(HostStatus.SUCCEEDED);
        assertThat(status(InvocationStatus.SUCCESS, "{\"outcome\":\"unchanged\",\"digest\":\"" + DIGEST + "\"}")).isEqualTo(HostStatus.SUCCEEDED);
        assertThat(status(InvocationStatus.SUCCESS, "{\"outcome\":\"deployed\",\"digest\":\"sha256:" + "b".repeat(64) + "\"}")).as("another digest")
                .isEqualTo(HostStatus.FAILED);
        assertThat(status(InvocationStatus.SUCCESS, "done")).as("no result line").isEqualTo(HostStatus.FAILED);
        assertThat(status(InvocationStatus.SUCCESS, "{not json")).isEqualTo(HostStatus.FAILED);
        assertThat(status(InvocationStatus.FAILED, "{\"outcome\":\"unhealthy_rolled_back\",\"digest\":\"" + DIGEST + "\"}")).isEqualTo(HostStatus.FAILED);
    }

    @Test
    void everyWayOfNotFinishingIsAFailureAlsoThoseSsmDoesNotCount()
    {
        assertThat(status(InvocationStatus.DELIVERY_TIMED_OUT, "")).isEqualTo(HostStatus.TIMED_OUT);
        assertThat(status(InvocationStatus.EXECUTION_TIMED_OUT, "")).isEqualTo(HostStatus.TIMED_OUT);
        assertThat(status(InvocationStatus.UNDELIVERABLE, "")).isEqualTo(HostStatus.UNDELIVERABLE);
        assertThat(status(InvocationStatus.TERMINATED, "")).isEqualTo(HostStatus.CANCELLED);
        assertThat(status(InvocationStatus.CANCELLED, "")).isEqualTo(HostStatus.CANCELLED);
        assertThat(status(InvocationStatus.ACCESS_DENIED, "")).isEqualTo(HostStatus.FAILED);
        assertThat(status(InvocationStatus.DELAYED, "")).isEqualTo(HostStatus.PENDING);
        for (InvocationStatus status : InvocationStatus.values()) {
            assertThat(HostStatus.of(status).finished()).as(status.name()).isEqualTo(status.finished());
        }
    }

    @Test
    void theTailIsBoundedAndTheOutcomeRead()
    {
        HostResult host = HostResults.of(new HostInvocation("i-1", "web-1", InvocationStatus.FAILED,
                "{\"outcome\":\"pull_failed\",\"digest\":\"" + DIGEST + "\"}\n" + "x".repeat(5000) + "\nlast line"), DIGEST);

        assertThat(HostResults.outcome(host)).contains("pull_failed");
        assertThat(HostResults.tail(host.output())).endsWith("last line").hasSizeLessThanOrEqualTo(600);
    }

    @Test
    void everyStatusHasWordsInEveryLanguage()
    {
        for (Language language : Language.values()) {
            Bundle bundle = DeployMessages.BUNDLE;
            Arrays.stream(HostStatus.values()).forEach(status -> assertThat(bundle.entries(language)).containsKey("host." + status.tag()));
            Arrays.stream(DeployStatus.values()).forEach(status -> assertThat(bundle.entries(language)).containsKey("status.outcome." + status.tag()));
        }
    }

    private static HostStatus status(InvocationStatus status, String output)
    {
        return HostResults.of(new HostInvocation("i-1", "web-1", status, output), DIGEST).status();
    }
}
