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

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * AWS: the ports {@link RemoteCommands} and {@link ImageRegistry} over SSM and ECR clients from
 * {@link AwsSettings} (bound elsewhere). The clients are built at the first call (see
 * {@link DeferredClients}), so building the injector touches nothing; they are closed when Deckhand stops. Credentials are the SDK's default chain (environment, profile, web
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
    static DeferredClients clients(AwsSettings settings, AwsCredentialsProvider credentials)
    {
        return new DeferredClients(settings, credentials);
    }

    @Provides
    @Singleton
    static ImageRegistry imageRegistry(DeferredClients clients)
    {
        return new ImageRegistry()
        {
            @Override
            public Optional<Image> byTag(Repository repository, String tag)
            {
                return clients.registry().byTag(repository, tag);
            }

            @Override
            public List<Image> tagged(Repository repository)
            {
                return clients.registry().tagged(repository);
            }
        };
    }

    @Provides
    @Singleton
    static RemoteCommands remoteCommands(DeferredClients clients)
    {
        return new RemoteCommands()
        {
            @Override
            public List<Host> hosts(Targets targets)
            {
                return clients.commands().hosts(targets);
            }

            @Override
            public String send(CommandRequest request)
            {
                return clients.commands().send(request);
            }

            @Override
            public List<HostInvocation> invocations(String commandId)
            {
                return clients.commands().invocations(commandId);
            }

            @Override
            public void cancel(String commandId)
            {
                clients.commands().cancel(commandId);
            }
        };
    }

    /** One closer, so the order holds: the clients built (if any), then the credentials they used. */
    @ProvidesIntoSet
    Managed closeClients(DeferredClients clients, AwsCredentialsProvider provider)
    {
        return Managed.closing(() -> {
            clients.close();
            if (credentials.isEmpty() && provider instanceof AutoCloseable owned) {
                owned.close();
            }
        });
    }
}
