package dev.deckhand.aws;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.DescribeInstanceInformationResponse;
import software.amazon.awssdk.services.ssm.model.InvocationDoesNotExistException;
import software.amazon.awssdk.services.ssm.model.ListCommandInvocationsResponse;
import software.amazon.awssdk.services.ssm.model.SendCommandRequest;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** {@link RemoteCommands} on SSM Run Command. Throttling is retried by the client's adaptive retry strategy. */
final class SsmRemoteCommands
        implements RemoteCommands
{
    private final SsmClient client;

    SsmRemoteCommands(SsmClient client)
    {
        this.client = requireNonNull(client, "client is null");
    }

    @Override
    public List<Host> hosts(Targets targets)
    {
        requireNonNull(targets, "targets is null");
        try {
            return SsmMapping.hosts(Pages.all(token -> client.describeInstanceInformation(SsmMapping.describeInstances(targets, token)),
                    DescribeInstanceInformationResponse::nextToken));
        }
        catch (SdkException e) {
            throw AwsErrors.failure(AwsErrors.SSM, SsmMapping.DESCRIBE_INSTANCE_INFORMATION, e);
        }
    }

    @Override
    public String send(CommandRequest request)
    {
        // Built first: a request SSM would refuse (too many targets) fails here, before any call.
        SendCommandRequest sendCommand = SsmMapping.sendCommand(request);
        try {
            return client.sendCommand(sendCommand).command().commandId();
        }
        catch (SdkException e) {
            throw AwsErrors.failure(AwsErrors.SSM, SsmMapping.SEND_COMMAND, e);
        }
    }

    @Override
    public List<HostInvocation> invocations(String commandId)
    {
        requireNonNull(commandId, "commandId is null");
        try {
            return SsmMapping.invocations(Pages.all(token -> client.listCommandInvocations(SsmMapping.listInvocations(commandId, token)),
                    ListCommandInvocationsResponse::nextToken));
        }
        catch (InvocationDoesNotExistException e) {
            // SSM is eventually consistent: a command just sent may not be listed yet.
            return List.of();
        }
        catch (SdkException e) {
            throw AwsErrors.failure(AwsErrors.SSM, SsmMapping.LIST_COMMAND_INVOCATIONS, e);
        }
    }

    @Override
    public void cancel(String commandId)
    {
        requireNonNull(commandId, "commandId is null");
        try {
            client.cancelCommand(SsmMapping.cancel(commandId));
        }
        catch (SdkException e) {
            throw AwsErrors.failure(AwsErrors.SSM, SsmMapping.CANCEL_COMMAND, e);
        }
    }
}
