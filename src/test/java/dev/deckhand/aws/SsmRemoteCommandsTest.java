package dev.deckhand.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.deckhand.errors.ErrorTranslator;
import dev.deckhand.testing.AwsJsonServer.Call;
import dev.deckhand.testing.TestingAws;
import dev.deckhand.testing.TestingEcr;
import dev.deckhand.testing.TestingSsm;
import dev.deckhand.testing.TestingSsm.SentCommand;
import dev.deckhand.testing.TestingSsm.Step;
import dev.deckhand.text.CurrentLanguage;
import dev.deckhand.text.Language;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ssm.SsmClient;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@link SsmRemoteCommands} against {@link TestingSsm} through the real SDK: signed, serialised, retried and parsed as against AWS. */
class SsmRemoteCommandsTest
{
    private static final Map<String, String> WEB_PROD = Map.of("Service", "web", "Env", "prod");
    private static final Targets WEB_IN_PROD = new Targets(Map.of("Service", List.of("web"), "Env", List.of("prod")), List.of());

    private final TestingSsm ssm = new TestingSsm();
    private final TestingEcr ecr = new TestingEcr();
    private final SsmClient client = new AwsClients(TestingAws.settings(ssm, ecr), TestingAws.credentials()).ssm();
    private final RemoteCommands commands = new SsmRemoteCommands(client);

    @AfterEach
    void close()
    {
        client.close();
        ssm.close();
        ecr.close();
    }

    @Test
    void hostsMatchEveryTagAndArePagedFiftyAtATime()
    {
        List<String> web = ssm.addInstances(200, "web", WEB_PROD);
        ssm.addInstances(30, "web-staging", Map.of("Service", "web", "Env", "staging"));
        ssm.addInstances(20, "api", Map.of("Service", "api", "Env", "prod"));
        ssm.pingStatus(web.get(7), "ConnectionLost");

        List<Host> hosts = commands.hosts(WEB_IN_PROD);

        assertThat(hosts).hasSize(200).extracting(Host::instanceId).containsExactlyElementsOf(web);
        assertThat(hosts.get(0)).isEqualTo(new Host(web.get(0), "web-001", true));
        assertThat(hosts.get(7).online()).isFalse();
        assertThat(hosts).filteredOn(Host::online).hasSize(199);
        assertThat(ssm.calls("DescribeInstanceInformation")).isEqualTo(4);
        JsonNode first = ssm.received("DescribeInstanceInformation").get(0).body();
        assertThat(first.path("MaxResults").asInt()).isEqualTo(50);
        assertThat(first.path("Filters").toString()).isEqualTo("[{\"Key\":\"tag:Env\",\"Values\":[\"prod\"]},{\"Key\":\"tag:Service\",\"Values\":[\"web\"]}]");
    }

    @Test
    void hostsByInstanceIdAreNamedByTheirComputerNameOrTheirId()
    {
        ssm.addInstance("i-0aaa", "web-a.internal", WEB_PROD);
        ssm.addInstance("i-0bbb", "", WEB_PROD);
        ssm.addInstance("i-0ccc", "other", WEB_PROD);

        List<Host> hosts = commands.hosts(new Targets(Map.of(), List.of("i-0aaa", "i-0bbb")));

        assertThat(hosts).containsExactly(new Host("i-0aaa", "web-a.internal", true), new Host("i-0bbb", "i-0bbb", true));
        assertThat(ssm.received("DescribeInstanceInformation").get(0).body().path("Filters").toString())
                .isEqualTo("[{\"Key\":\"InstanceIds\",\"Values\":[\"i-0aaa\",\"i-0bbb\"]}]");
    }

    @Test
    void sendCarriesTheWholeRequestAndSsmTargetsTheHostsItMatches()
    {
        List<String> web = ssm.addInstances(3, "web", WEB_PROD);
        ssm.addInstances(2, "web-staging", Map.of("Service", "web", "Env", "staging"));
        String image = "123456789012.dkr.ecr.ap-northeast-2.amazonaws.com/web@sha256:" + "a".repeat(64);
        String comment = "Deploy web " + "x".repeat(120) + " by kim";

        String commandId = commands.send(new CommandRequest("Deckhand-DeployContainer", "3", WEB_IN_PROD,
                Map.of("image", List.of(image), "healthPath", List.of("/up")), "25%", "1", Duration.ofSeconds(5), comment));

        SentCommand sent = ssm.lastSent();
        assertThat(sent.commandId()).isEqualTo(commandId);
        assertThat(sent.documentName()).isEqualTo("Deckhand-DeployContainer");
        assertThat(sent.documentVersion()).contains("3");
        assertThat(sent.targets()).containsExactly(Map.entry("tag:Env", List.of("prod")), Map.entry("tag:Service", List.of("web")));
        assertThat(sent.instanceIds()).isEmpty();
        assertThat(sent.parameters()).isEqualTo(Map.of("image", List.of(image), "healthPath", List.of("/up")));
        assertThat(sent.maxConcurrency()).contains("25%");
        assertThat(sent.maxErrors()).contains("1");
        assertThat(sent.timeoutSeconds()).as("SSM's shortest delivery timeout").contains(30);
        assertThat(sent.comment()).contains(comment.substring(0, 100));
        assertThat(sent.matched()).containsExactlyElementsOf(web);
        assertThat(commands.invocations(commandId)).extracting(HostInvocation::status).containsOnly(InvocationStatus.PENDING).hasSize(3);
    }

    @Test
    void moreThanFiveTargetsAreRefusedBeforeAnyCall()
    {
        Targets six = new Targets(Map.of("A", List.of("1"), "B", List.of("2"), "C", List.of("3"), "D", List.of("4"), "E", List.of("5"), "F", List.of("6")), List.of());

        assertThatThrownBy(() -> commands.send(request(six)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SSM takes at most 5 targets, and these are 6 tags (A, B, C, D, E, F); match the hosts with fewer tags");
        assertThat(ssm.calls()).isEmpty();
    }

    @Test
    void invocationsOfTwoHundredHostsTakeFourListCallsAtEveryPoll()
    {
        ssm.addInstances(200, "web", WEB_PROD);
        ssm.script((instanceId, poll) -> switch (poll) {
            case 1 -> Optional.of(Step.of("In Progress", ""));
            case 2 -> Optional.empty();
            default -> Optional.of(Step.of("Success", "pulled and restarted " + instanceId));
        });
        String commandId = commands.send(request(WEB_IN_PROD));

        for (int poll = 1; poll <= 3; poll++) {
            int before = ssm.calls("ListCommandInvocations");
            List<HostInvocation> invocations = commands.invocations(commandId);

            assertThat(ssm.calls("ListCommandInvocations") - before).as("list calls at poll %s", poll).isEqualTo(4);
            assertThat(invocations).hasSize(200);
            assertThat(invocations).extracting(HostInvocation::status).containsOnly(poll < 3 ? InvocationStatus.IN_PROGRESS : InvocationStatus.SUCCESS);
        }
        HostInvocation last = commands.invocations(commandId).get(199);
        assertThat(last.output()).isEqualTo("pulled and restarted " + last.instanceId());
        assertThat(last.instanceName()).isEqualTo("web-200");
        assertThat(ssm.received("ListCommandInvocations")).extracting(Call::body)
                .allSatisfy(body -> assertThat(body.path("MaxResults").asInt()).isEqualTo(50))
                .allSatisfy(body -> assertThat(body.path("Details").asBoolean()).isTrue());
        assertThat(ssm.calls()).containsOnlyKeys("SendCommand", "ListCommandInvocations");
    }

    @Test
    void eachHostsStatusDetailsAreToldApart()
    {
        List<String> hosts = ssm.addInstances(8, "web", WEB_PROD);
        String commandId = commands.send(request(WEB_IN_PROD));
        List<String> details = List.of("Delivery Timed Out", "Execution Timed Out", "Undeliverable", "Terminated", "Access Denied", "Invalid Platform", "Delayed");
        for (int i = 0; i < details.size(); i++) {
            ssm.progress(commandId, hosts.get(i), details.get(i), "");
        }
        ssm.progress(commandId, hosts.get(7), new Step("A Status SSM Adds Later", "Success", "done"));

        assertThat(commands.invocations(commandId)).extracting(HostInvocation::status).containsExactly(
                InvocationStatus.DELIVERY_TIMED_OUT, InvocationStatus.EXECUTION_TIMED_OUT, InvocationStatus.UNDELIVERABLE, InvocationStatus.TERMINATED,
                InvocationStatus.ACCESS_DENIED, InvocationStatus.INVALID_PLATFORM, InvocationStatus.DELAYED, InvocationStatus.SUCCESS);
    }

    @Test
    void outputIsTheHeadThatSsmKept()
    {
        String host = ssm.addInstances(1, "web", WEB_PROD).get(0);
        String commandId = commands.send(request(WEB_IN_PROD));
        String output = "{\"result\":\"ok\"}\n" + "docker pull progress\n".repeat(400);
        ssm.progress(commandId, host, "Failed", output);

        HostInvocation invocation = commands.invocations(commandId).get(0);

        assertThat(invocation.status()).isEqualTo(InvocationStatus.FAILED);
        assertThat(invocation.output()).startsWith("{\"result\":\"ok\"}\n").endsWith(TestingSsm.TRUNCATED).hasSize(TestingSsm.MAX_OUTPUT + TestingSsm.TRUNCATED.length());
    }

    @Test
    void aCommandJustSentHasNoInvocationsUntilSsmCatchesUp()
    {
        ssm.addInstances(3, "web", WEB_PROD);
        ssm.hideInvocations(2);
        String commandId = commands.send(request(WEB_IN_PROD));

        assertThat(commands.invocations(commandId)).isEmpty();
        assertThat(commands.invocations(commandId)).isEmpty();
        assertThat(commands.invocations(commandId)).hasSize(3);
        assertThat(ssm.calls("ListCommandInvocations")).isEqualTo(3);
    }

    @Test
    void throttlingIsRetriedAndNeverThrown()
    {
        ssm.addInstances(3, "web", WEB_PROD);
        // Each throttle costs a few seconds: the adaptive strategy backs off, then paces this client for a while.
        ssm.throttle(1);
        String commandId = commands.send(request(WEB_IN_PROD));
        ssm.throttle(1);
        assertThat(commands.invocations(commandId)).hasSize(3);

        assertThat(ssm.throttled()).isEqualTo(2);
        assertThat(ssm.calls()).containsOnly(Map.entry("SendCommand", 2), Map.entry("ListCommandInvocations", 2));
        assertThat(ssm.sent()).as("a throttled send is not sent").hasSize(1);
    }

    @Test
    void accessDeniedNamesTheIamActionThatIsMissing()
    {
        ssm.addInstances(1, "web", WEB_PROD);
        ssm.denyAccess("SendCommand");

        AwsFailure failure = catchThrowableOfType(AwsFailure.class, () -> commands.send(request(WEB_IN_PROD)));

        assertThat(failure.code()).contains("AccessDeniedException");
        assertThat(failure.isAccessDenied()).isTrue();
        assertThat(failure.service()).isEqualTo("SSM");
        assertThat(failure.action()).isEqualTo("ssm:SendCommand");
        assertThat(failure.getMessage()).contains("is not authorized to perform: ssm:SendCommand");
        assertThat(new ErrorTranslator().translate("Deploying web", failure).text())
                .isEqualTo(":x: Deploying web failed: AWS SSM refused ssm:SendCommand (AccessDeniedException). "
                        + "Deckhand's IAM role lacks a permission; tell an admin to allow it (deploy/iam/ has the policy).");
        assertThat(new ErrorTranslator(CurrentLanguage.fixed(Language.KO)).translate("web 배포", failure).text())
                .contains("ssm:SendCommand").contains("IAM 역할에 권한이 모자라요");
        assertThat(ssm.sent()).isEmpty();
    }

    @Test
    void cancelStopsTheInvocationsThatHaveNotFinished()
    {
        List<String> hosts = ssm.addInstances(3, "web", WEB_PROD);
        String commandId = commands.send(request(WEB_IN_PROD));
        ssm.progress(commandId, hosts.get(0), "Success", "done");
        ssm.progress(commandId, hosts.get(1), "In Progress", "");

        commands.cancel(commandId);

        assertThat(ssm.cancelled()).containsExactly(commandId);
        assertThat(commands.invocations(commandId)).extracting(HostInvocation::status)
                .containsExactly(InvocationStatus.SUCCESS, InvocationStatus.CANCELLED, InvocationStatus.CANCELLED);
    }

    @Test
    void aCommandSsmDoesNotKnowIsAFailureNotAnEmptyList()
    {
        AwsFailure failure = catchThrowableOfType(AwsFailure.class, () -> commands.invocations("00000000-0000-0000-0000-000000000000"));

        assertThat(failure.code()).contains("InvalidCommandId");
        assertThat(failure.action()).isEqualTo("ssm:ListCommandInvocations");
    }

    @Test
    void aHostSsmDoesNotKnowIsRefusedWithAdvice()
    {
        AwsFailure failure = catchThrowableOfType(AwsFailure.class, () -> commands.send(request(new Targets(Map.of(), List.of("i-0gone")))));

        assertThat(failure.code()).contains("InvalidInstanceId");
        assertThat(new ErrorTranslator().translate("Deploying web", failure).text()).endsWith("A target host is not registered with SSM, or its agent is not running;"
                + " check it in Systems Manager's Fleet Manager.");
    }

    @Test
    void anSsmThatCannotBeReachedIsSaidSo()
            throws IOException
    {
        URI closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        try (SsmClient unreachable = new AwsClients(TestingAws.settings(closed, closed), TestingAws.credentials()).ssm()) {
            AwsFailure failure = catchThrowableOfType(AwsFailure.class, () -> new SsmRemoteCommands(unreachable).cancel("c-1"));

            assertThat(failure.code()).isEmpty();
            assertThat(failure.action()).isEqualTo("ssm:CancelCommand");
            assertThat(new ErrorTranslator().translate("Cancelling the deploy", failure).text())
                    .isEqualTo(":x: Cancelling the deploy failed: AWS SSM could not be reached for ssm:CancelCommand. Nothing else was changed; try again in a minute.");
        }
    }

    private static CommandRequest request(Targets targets)
    {
        return new CommandRequest("AWS-RunShellScript", "$DEFAULT", targets, Map.of("commands", List.of("true")), "50", "0", Duration.ofMinutes(10), "test");
    }
}
