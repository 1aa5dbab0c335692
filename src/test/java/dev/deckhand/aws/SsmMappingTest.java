package dev.deckhand.aws;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.ssm.model.CommandInvocation;
import software.amazon.awssdk.services.ssm.model.CommandInvocationStatus;
import software.amazon.awssdk.services.ssm.model.CommandPlugin;
import software.amazon.awssdk.services.ssm.model.DescribeInstanceInformationRequest;
import software.amazon.awssdk.services.ssm.model.DescribeInstanceInformationResponse;
import software.amazon.awssdk.services.ssm.model.InstanceInformation;
import software.amazon.awssdk.services.ssm.model.InstanceInformationStringFilter;
import software.amazon.awssdk.services.ssm.model.ListCommandInvocationsRequest;
import software.amazon.awssdk.services.ssm.model.ListCommandInvocationsResponse;
import software.amazon.awssdk.services.ssm.model.PingStatus;
import software.amazon.awssdk.services.ssm.model.SendCommandRequest;
import software.amazon.awssdk.services.ssm.model.Target;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SSM's requests and responses, built from and read into Deckhand's values with no SDK client. */
class SsmMappingTest
{
    private static final Targets WEB_PROD = new Targets(Map.of("Service", List.of("web", "web-canary"), "Env", List.of("prod")), List.of());

    @Test
    void sendCommandCarriesEveryPartOfTheRequest()
    {
        SendCommandRequest request = SsmMapping.sendCommand(new CommandRequest("Deckhand-DeployContainer", "$LATEST", WEB_PROD,
                Map.of("image", List.of("repo@sha256:abc")), "10%", "2", Duration.ofMinutes(10), "Deploy web v2 by kim"));

        assertThat(request.documentName()).isEqualTo("Deckhand-DeployContainer");
        assertThat(request.documentVersion()).isEqualTo("$LATEST");
        assertThat(request.targets()).containsExactly(
                Target.builder().key("tag:Env").values("prod").build(),
                Target.builder().key("tag:Service").values("web", "web-canary").build());
        assertThat(request.hasInstanceIds()).as("targets only, never both").isFalse();
        assertThat(request.parameters()).isEqualTo(Map.of("image", List.of("repo@sha256:abc")));
        assertThat(request.maxConcurrency()).isEqualTo("10%");
        assertThat(request.maxErrors()).isEqualTo("2");
        assertThat(request.timeoutSeconds()).isEqualTo(600);
        assertThat(request.comment()).isEqualTo("Deploy web v2 by kim");
    }

    @Test
    void instanceIdsAreOneTargetOfAtMostFifty()
    {
        List<String> fifty = IntStream.rangeClosed(1, 50).mapToObj(i -> "i-" + i).toList();

        assertThat(SsmMapping.targets(new Targets(Map.of(), fifty))).containsExactly(Target.builder().key("InstanceIds").values(fifty).build());
        assertThatThrownBy(() -> SsmMapping.targets(new Targets(Map.of(), IntStream.rangeClosed(1, 51).mapToObj(i -> "i-" + i).toList())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SSM sends a command to at most 50 instance ids, these are 51; target the hosts by tag instead");
    }

    @Test
    void atMostFiveTagsEachWithValuesAndWithoutThePrefix()
    {
        Map<String, List<String>> five = Map.of("A", List.of("1"), "B", List.of("2"), "C", List.of("3"), "D", List.of("4"), "E", List.of("5"));

        assertThat(SsmMapping.targets(new Targets(five, List.of()))).hasSize(5);
        Map<String, List<String>> six = new HashMap<>(five);
        six.put("F", List.of("6"));
        assertThatThrownBy(() -> SsmMapping.targets(new Targets(six, List.of()))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 5 targets");
        assertThatThrownBy(() -> SsmMapping.targets(new Targets(Map.of("Service", List.of()), List.of()))).hasMessage("the target tag Service has no values");
        assertThatThrownBy(() -> SsmMapping.targets(new Targets(Map.of("tag:Service", List.of("web")), List.of())))
                .hasMessage("a target's tag key is the tag's name, without tag: (tag:Service)");
    }

    @ParameterizedTest
    @CsvSource({"PT1S, 30", "PT29S, 30", "PT30S, 30", "PT10M, 600", "PT10M0.9S, 600", "P30D, 2592000", "P31D, 2592000", "PT-5S, 30"})
    void theDeliveryTimeoutIsWithinWhatSsmTakes(Duration timeout, int seconds)
    {
        assertThat(SsmMapping.timeoutSeconds(timeout)).isEqualTo(seconds);
    }

    @Test
    void theCommentIsCutToAHundredCharactersNeverInsideAPair()
    {
        assertThat(SsmMapping.comment("x".repeat(100))).hasSize(100);
        assertThat(SsmMapping.comment("x".repeat(150))).isEqualTo("x".repeat(100));
        assertThat(SsmMapping.comment("배포 ".repeat(40))).hasSize(100).startsWith("배포 배포");
        assertThat(SsmMapping.comment("x".repeat(99) + "\uD83D\uDE80" + "y")).isEqualTo("x".repeat(99));
    }

    @Test
    void describeInstancesFiltersByTagsOrByIdsFiftyAPage()
    {
        DescribeInstanceInformationRequest byTags = SsmMapping.describeInstances(WEB_PROD, Optional.empty());
        DescribeInstanceInformationRequest byIds = SsmMapping.describeInstances(new Targets(Map.of(), List.of("i-1", "i-2")), Optional.of("next"));

        assertThat(byTags.filters()).containsExactly(
                InstanceInformationStringFilter.builder().key("tag:Env").values("prod").build(),
                InstanceInformationStringFilter.builder().key("tag:Service").values("web", "web-canary").build());
        assertThat(byTags.maxResults()).isEqualTo(50);
        assertThat(byTags.nextToken()).isNull();
        assertThat(byIds.filters()).containsExactly(InstanceInformationStringFilter.builder().key("InstanceIds").values("i-1", "i-2").build());
        assertThat(byIds.nextToken()).isEqualTo("next");
    }

    @Test
    void hostsAreEveryPagesInstancesOnlineOnlyWhenSsmSaysOnline()
    {
        List<Host> hosts = SsmMapping.hosts(List.of(
                DescribeInstanceInformationResponse.builder().instanceInformationList(
                        InstanceInformation.builder().instanceId("i-1").computerName("web-1").pingStatus(PingStatus.ONLINE).build(),
                        InstanceInformation.builder().instanceId("i-2").computerName("web-2").pingStatus(PingStatus.CONNECTION_LOST).build()).nextToken("t").build(),
                DescribeInstanceInformationResponse.builder().instanceInformationList(
                        InstanceInformation.builder().instanceId("i-3").pingStatus(PingStatus.INACTIVE).build(),
                        InstanceInformation.builder().instanceId("i-4").computerName(" ").pingStatus("Hibernating").build()).build()));

        assertThat(hosts).containsExactly(new Host("i-1", "web-1", true), new Host("i-2", "web-2", false), new Host("i-3", "i-3", false), new Host("i-4", "i-4", false));
    }

    @Test
    void listInvocationsAsksForDetailsFiftyAPage()
    {
        ListCommandInvocationsRequest first = SsmMapping.listInvocations("c-1", Optional.empty());
        ListCommandInvocationsRequest second = SsmMapping.listInvocations("c-1", Optional.of("t2"));

        assertThat(first.commandId()).isEqualTo("c-1");
        assertThat(first.details()).isTrue();
        assertThat(first.maxResults()).isEqualTo(50);
        assertThat(first.nextToken()).isNull();
        assertThat(second.nextToken()).isEqualTo("t2");
    }

    @ParameterizedTest
    @CsvSource({
            "Pending, PENDING", "In Progress, IN_PROGRESS", "Delayed, DELAYED", "Success, SUCCESS", "Failed, FAILED",
            "Execution Timed Out, EXECUTION_TIMED_OUT", "Delivery Timed Out, DELIVERY_TIMED_OUT", "Undeliverable, UNDELIVERABLE",
            "Terminated, TERMINATED", "Cancelled, CANCELLED", "Canceled, CANCELLED", "Cancelling, CANCELLING", "Access Denied, ACCESS_DENIED",
            "Invalid Platform, INVALID_PLATFORM", "InProgress, IN_PROGRESS", "DELIVERY_TIMED_OUT, DELIVERY_TIMED_OUT", "execution timed out, EXECUTION_TIMED_OUT"})
    void statusDetailsDecide(String details, InvocationStatus status)
    {
        // The coarse status says otherwise on purpose: the details win.
        CommandInvocationStatus contrary = status == InvocationStatus.SUCCESS ? CommandInvocationStatus.FAILED : CommandInvocationStatus.SUCCESS;
        assertThat(SsmMapping.status(details, contrary)).isEqualTo(status);
    }

    @Test
    void everyInvocationStatusHasStatusDetailsThatNameIt()
    {
        List<String> details = List.of("Pending", "In Progress", "Delayed", "Success", "Failed", "Execution Timed Out", "Delivery Timed Out", "Undeliverable",
                "Terminated", "Cancelled", "Cancelling", "Access Denied", "Invalid Platform");

        assertThat(details.stream().map(text -> SsmMapping.status(text, null))).containsExactlyInAnyOrder(InvocationStatus.values());
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "PENDING, PENDING", "IN_PROGRESS, IN_PROGRESS", "DELAYED, DELAYED", "SUCCESS, SUCCESS", "CANCELLED, CANCELLED", "CANCELLING, CANCELLING",
            "TIMED_OUT, EXECUTION_TIMED_OUT", "FAILED, FAILED", "UNKNOWN_TO_SDK_VERSION, IN_PROGRESS", "null, IN_PROGRESS"})
    void detailsDeckhandDoesNotKnowFallBackToTheStatus(CommandInvocationStatus status, InvocationStatus expected)
    {
        assertThat(SsmMapping.status("Something SSM Adds Later", status)).isEqualTo(expected);
        assertThat(SsmMapping.status(null, status)).isEqualTo(expected);
        assertThat(SsmMapping.status("", status)).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(CommandInvocationStatus.class)
    void everyStatusOfThisSdkIsMapped(CommandInvocationStatus status)
    {
        assertThat(SsmMapping.status(status)).isNotNull();
    }

    @Test
    void invocationsAreEveryPagesHostsWithTheirPluginsOutputJoined()
    {
        List<HostInvocation> invocations = SsmMapping.invocations(List.of(
                ListCommandInvocationsResponse.builder().commandInvocations(
                        invocation("i-1", "web-1.internal", "Success", CommandInvocationStatus.SUCCESS, "pulled", "restarted"),
                        invocation("i-2", "", "In Progress", CommandInvocationStatus.IN_PROGRESS)).nextToken("t").build(),
                ListCommandInvocationsResponse.builder().commandInvocations(
                        invocation("i-3", null, "Delivery Timed Out", CommandInvocationStatus.TIMED_OUT, "", null)).build()));

        assertThat(invocations).containsExactly(
                new HostInvocation("i-1", "web-1.internal", InvocationStatus.SUCCESS, "pulled\nrestarted"),
                new HostInvocation("i-2", "i-2", InvocationStatus.IN_PROGRESS, ""),
                new HostInvocation("i-3", "i-3", InvocationStatus.DELIVERY_TIMED_OUT, ""));
    }

    @Test
    void cancelNamesTheCommand()
    {
        assertThat(SsmMapping.cancel("c-1").commandId()).isEqualTo("c-1");
        assertThat(SsmMapping.cancel("c-1").hasInstanceIds()).isFalse();
    }

    private static CommandInvocation invocation(String instanceId, String name, String details, CommandInvocationStatus status, String... outputs)
    {
        return CommandInvocation.builder().instanceId(instanceId).instanceName(name).statusDetails(details).status(status)
                .commandPlugins(Arrays.stream(outputs).map(output -> CommandPlugin.builder().name("step").output(output).build()).toList())
                .build();
    }
}
