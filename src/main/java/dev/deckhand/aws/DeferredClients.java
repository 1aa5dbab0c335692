package dev.deckhand.aws;

import dev.deckhand.lifecycle.StartFailure;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

import static java.util.Objects.requireNonNull;

/**
 * The AWS clients and ports, built at their first use rather than when the injector is built:
 * Deckhand without AWS (the console, a team with only scripts) never asks the SDK's region chain,
 * which may read the profile file or the instance metadata service. Should the region be unknown
 * then, the deploy that needed it says so, with what to set.
 */
final class DeferredClients
        implements AutoCloseable
{
    private final AwsSettings settings;
    private final AwsCredentialsProvider credentials;
    private AwsClients clients;
    private EcrImageRegistry registry;
    private SsmRemoteCommands commands;
    private software.amazon.awssdk.services.ecr.EcrClient ecr;
    private software.amazon.awssdk.services.ssm.SsmClient ssm;

    DeferredClients(AwsSettings settings, AwsCredentialsProvider credentials)
    {
        this.settings = requireNonNull(settings, "settings is null");
        this.credentials = requireNonNull(credentials, "credentials is null");
    }

    synchronized ImageRegistry registry()
    {
        if (registry == null) {
            ecr = clients().ecr();
            registry = new EcrImageRegistry(ecr, clients()::ecr);
        }
        return registry;
    }

    synchronized RemoteCommands commands()
    {
        if (commands == null) {
            ssm = clients().ssm();
            commands = new SsmRemoteCommands(ssm);
        }
        return commands;
    }

    private AwsClients clients()
    {
        if (clients == null) {
            try {
                clients = new AwsClients(settings, credentials);
            }
            catch (StartFailure e) {
                throw AwsFailure.noRegion("AWS", "call", e.getMessage(), e);
            }
        }
        return clients;
    }

    @Override
    public synchronized void close()
    {
        if (registry != null) {
            registry.close();
        }
        if (ecr != null) {
            ecr.close();
        }
        if (ssm != null) {
            ssm.close();
        }
    }
}
