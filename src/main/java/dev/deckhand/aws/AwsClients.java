package dev.deckhand.aws;

import dev.deckhand.lifecycle.StartFailure;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ssm.SsmClient;

import java.net.URI;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Builds every SDK client the same way: the settings' region (else the SDK's chain, resolved once),
 * one credentials provider, the settings' endpoint, adaptive retries and short timeouts. Building
 * a client makes no call to AWS.
 */
final class AwsClients
{
    /**
     * Adaptive retries (the SDK's {@code RetryMode.ADAPTIVE_V2}; {@code ADAPTIVE} is deprecated because
     * its rate limiter forgets its state between requests): throttling backs off from 1 s and slows
     * this client's own sending; five attempts in all, within the call timeout.
     */
    static final int MAX_ATTEMPTS = 5;

    private final AwsSettings settings;
    private final AwsCredentialsProvider credentials;
    private final Region region;

    AwsClients(AwsSettings settings, AwsCredentialsProvider credentials)
    {
        this.settings = requireNonNull(settings, "settings is null");
        this.credentials = requireNonNull(credentials, "credentials is null");
        this.region = settings.region().map(Region::of).orElseGet(AwsClients::defaultRegion);
    }

    /** The environment's region. */
    Region region()
    {
        return region;
    }

    SsmClient ssm()
    {
        return configured(SsmClient.builder(), settings.ssmEndpoint(), region).build();
    }

    EcrClient ecr()
    {
        return ecr(region);
    }

    /** For a repository in another region; the ECR endpoint setting, when there is one, serves every region. */
    EcrClient ecr(Region region)
    {
        return configured(EcrClient.builder(), settings.ecrEndpoint(), region).build();
    }

    private <B extends AwsClientBuilder<B, ?>> B configured(B builder, Optional<URI> endpoint, Region region)
    {
        builder.region(region)
                .credentialsProvider(credentials)
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(AwsRetryStrategy.adaptiveRetryStrategy().toBuilder().maxAttempts(MAX_ATTEMPTS).build())
                        .apiCallAttemptTimeout(settings.attemptTimeout())
                        .apiCallTimeout(settings.callTimeout())
                        .build());
        endpoint.ifPresent(builder::endpointOverride);
        return builder;
    }

    /** The SDK's chain: the {@code aws.region} system property, the profile file, then EC2 instance metadata. */
    private static Region defaultRegion()
    {
        try {
            return DefaultAwsRegionProviderChain.builder().build().getRegion();
        }
        catch (SdkClientException e) {
            throw new StartFailure("Deckhand could not tell which AWS region to use (" + e.getMessage() + "); set " + AwsSettings.REGION
                    + ", e.g. " + AwsSettings.REGION + "=ap-northeast-2", e);
        }
    }
}
