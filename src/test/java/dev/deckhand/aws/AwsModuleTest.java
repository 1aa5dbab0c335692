package dev.deckhand.aws;

import dev.deckhand.errors.ErrorTranslator;
import dev.deckhand.testing.TestingAws;
import dev.deckhand.testing.TestingEcr;
import dev.deckhand.testing.TestingSsm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/** {@link AwsModule} in an injector as strict as Deckhand's: it only binds, the ports work through it, and stopping closes the clients. */
class AwsModuleTest
{
    private final TestingSsm ssm = new TestingSsm();
    private final TestingEcr ecr = new TestingEcr();

    @AfterEach
    void close()
    {
        ssm.close();
        ecr.close();
    }

    @Test
    void buildingTheInjectorCallsNoAwsAndThePortsWorkUntilStopped()
            throws Exception
    {
        ssm.addInstances(2, "web", Map.of("Service", "web"));
        ecr.push("web", "v1", TestingEcr.digest("v1"), Instant.parse("2026-03-01T12:00:00Z"));
        TestingAws.Ports aws = TestingAws.ports(ssm, ecr);

        assertThat(ssm.calls()).isEmpty();
        assertThat(ecr.calls()).isEmpty();
        assertThat(aws.managed()).hasSize(1);

        Targets web = new Targets(Map.of("Service", List.of("web")), List.of());
        String commandId = aws.commands().send(new CommandRequest("AWS-RunShellScript", "$DEFAULT", web, Map.of("commands", List.of("true")), "1", "0", Duration.ofMinutes(5), "test"));
        assertThat(aws.commands().hosts(web)).hasSize(2);
        assertThat(aws.commands().invocations(commandId)).hasSize(2);
        assertThat(aws.images().byTag(new Repository("web", Optional.empty(), Optional.empty()), "v1")).isPresent();
        assertThat(ssm.received()).extracting(call -> call.region()).containsOnly(TestingAws.REGION);

        aws.close();

        // A closed client refuses before sending (the SDK's timer pool is shut down): a bug of use after stop, not an AWS failure.
        assertThatThrownBy(() -> aws.commands().hosts(web)).as("a closed client").isInstanceOf(RuntimeException.class).isNotInstanceOf(AwsFailure.class);
        assertThat(ssm.calls("DescribeInstanceInformation")).isEqualTo(1);
    }

    @Test
    void withoutARegionNothingIsCalledAndTheFailureSaysSoWithItsFix()
            throws Exception
    {
        AwsSettings noRegion = new AwsSettings(Optional.empty(), Optional.of(ssm.endpoint()), Optional.of(ecr.endpoint()), Duration.ofSeconds(5), Duration.ofSeconds(10));
        TestingAws.Ports aws = TestingAws.ports(noRegion);
        try {
            Throwable failure = catchThrowable(() -> aws.commands().hosts(new Targets(Map.of("Service", List.of("web")), List.of())));

            assertThat(failure).isInstanceOf(AwsFailure.class);
            assertThat(new ErrorTranslator().translate("Planning the deploy of web to prod", failure).text())
                    .isEqualTo(":x: Planning the deploy of web to prod failed: Deckhand has no AWS region set, so it could not ask AWS anything. "
                            + "Set AWS_REGION (e.g. AWS_REGION=ap-northeast-2) where Deckhand runs, then try again.");
            assertThat(ssm.calls()).isEmpty();
        }
        finally {
            aws.close();
        }
    }
}
