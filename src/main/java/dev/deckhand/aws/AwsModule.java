package dev.deckhand.aws;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.ProvidesIntoSet;
import dev.deckhand.lifecycle.Managed;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ssm.SsmClient;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * AWS: the SSM and ECR clients from {@link AwsSettings} (bound elsewhere) and the ports on them,
 * {@link RemoteCommands} and {@link ImageRegistry}. Building them makes no call to AWS; they are
 * closed when Deckhand stops. Credentials are the SDK's default chain (environment, profile, web
 * identity, container or instance role) unless {@link #signingWith} gives others.
 */
public final class AwsModule
        extends AbstractModule
{
    private final Optional<AwsCredentialsProvider> credentials;

    public AwsModule()
    {
        this(Optional.empty());
    }

    private AwsModule(Optional<AwsCredentialsProvider> credentials)
    {
        this.credentials = requireNonNull(credentials, "credentials is null");
    }

    /** Signs with {@code credentials} instead of the default chain (tests sign with fixed fake keys); they are not closed. */
    public static AwsModule signingWith(AwsCredentialsProvider credentials)
    {
        return new AwsModule(Optional.of(requireNonNull(credentials, "credentials is null")));
    }

    @Provides
    @Singleton
    AwsCredentialsProvider credentials()
    {
        // The chain looks for credentials at the first call, not here.
        return credentials.orElseGet(() -> DefaultCredentialsProvider.builder().build());
    }

    @Provides
    @Singleton
    static AwsClients clients(AwsSettings settings, AwsCredentialsProvider credentials)
    {
        return new AwsClients(settings, credentials);
    }

    @Provides
    @Singleton
    static SsmClient ssm(AwsClients clients)
    {
        return clients.ssm();
    }

    @Provides
    @Singleton
    static EcrClient ecr(AwsClients clients)
    {
        return clients.ecr();
    }

    @Provides
    @Singleton
    static EcrImageRegistry ecrImageRegistry(EcrClient ecr, AwsClients clients)
    {
        return new EcrImageRegistry(ecr, clients::ecr);
    }

    @Provides
    @Singleton
    static ImageRegistry imageRegistry(EcrImageRegistry registry)
    {
        return registry;
    }

    @Provides
    @Singleton
    static RemoteCommands remoteCommands(SsmClient ssm)
    {
        return new SsmRemoteCommands(ssm);
    }

    /** One closer, so the order holds: the other regions' clients, the clients, then the credentials they used. */
    @ProvidesIntoSet
    Managed closeClients(EcrImageRegistry registry, EcrClient ecr, SsmClient ssm, AwsCredentialsProvider provider)
    {
        return Managed.closing(() -> {
            registry.close();
            ecr.close();
            ssm.close();
            if (credentials.isEmpty() && provider instanceof AutoCloseable owned) {
                owned.close();
            }
        });
    }
}
