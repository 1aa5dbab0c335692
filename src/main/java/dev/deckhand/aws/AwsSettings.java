package dev.deckhand.aws;

import dev.deckhand.config.EnvironmentReader;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * How Deckhand reaches AWS, from the standard AWS environment, read once before the injector
 * exists. {@code region}: {@code AWS_REGION}; when it is not set, the SDK's region chain decides
 * as the clients are built (the {@code aws.region} system property, the profile file, then EC2
 * instance metadata). {@code ssmEndpoint} and {@code ecrEndpoint}: {@code AWS_ENDPOINT_URL_SSM} and
 * {@code AWS_ENDPOINT_URL_ECR}, else {@code AWS_ENDPOINT_URL}, else AWS's own endpoints. The SDK
 * would read these itself; reading them here means a bad one is a problem at start-up, named by
 * its variable, instead of a failure at the first deploy. Credentials are the SDK's default chain
 * and are not read here. {@code attemptTimeout} bounds one HTTP attempt, {@code callTimeout} a
 * whole call with its retries.
 */
public record AwsSettings(Optional<String> region, Optional<URI> ssmEndpoint, Optional<URI> ecrEndpoint, Duration attemptTimeout, Duration callTimeout)
{
    public static final String REGION = "AWS_REGION";
    public static final String ENDPOINT = "AWS_ENDPOINT_URL";
    public static final String SSM_ENDPOINT = "AWS_ENDPOINT_URL_SSM";
    public static final String ECR_ENDPOINT = "AWS_ENDPOINT_URL_ECR";
    /** One attempt of a describe or list call takes well under a second; five means the network or AWS is in trouble. */
    public static final Duration DEFAULT_ATTEMPT_TIMEOUT = Duration.ofSeconds(5);
    /** Room for the retries of throttling (adaptive backoff from 1 s) without holding a deploy's poll for long. */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(25);

    /** {@code ap-northeast-2}, {@code us-gov-west-1}, {@code cn-north-1}: the shape of every AWS region's name. */
    private static final Pattern REGION_NAME = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]{1,2}");

    public AwsSettings
    {
        requireNonNull(region, "region is null");
        requireNonNull(ssmEndpoint, "ssmEndpoint is null");
        requireNonNull(ecrEndpoint, "ecrEndpoint is null");
        requireNonNull(attemptTimeout, "attemptTimeout is null");
        requireNonNull(callTimeout, "callTimeout is null");
        region.ifPresent(name -> {
            if (!isRegion(name)) {
                throw new IllegalArgumentException("not an AWS region: " + name);
            }
        });
        if (attemptTimeout.isNegative() || attemptTimeout.isZero() || callTimeout.compareTo(attemptTimeout) < 0) {
            throw new IllegalArgumentException("timeouts must be positive, the call's at least the attempt's: " + attemptTimeout + ", " + callTimeout);
        }
    }

    public static AwsSettings from(EnvironmentReader environment)
    {
        Optional<String> region = environment.text(REGION);
        if (region.isPresent() && !isRegion(region.get())) {
            environment.problem(REGION, "'" + region.get() + "' is not an AWS region, like ap-northeast-2");
            region = Optional.empty();
        }
        Optional<URI> shared = endpoint(environment, ENDPOINT, "http://localhost:4566");
        Optional<URI> ssm = endpoint(environment, SSM_ENDPOINT, "https://ssm.ap-northeast-2.amazonaws.com").or(() -> shared);
        Optional<URI> ecr = endpoint(environment, ECR_ENDPOINT, "https://api.ecr.ap-northeast-2.amazonaws.com").or(() -> shared);
        return new AwsSettings(region, ssm, ecr, DEFAULT_ATTEMPT_TIMEOUT, DEFAULT_CALL_TIMEOUT);
    }

    /** Whether {@code name} is shaped like an AWS region's name; for config that names a repository's region. */
    public static boolean isRegion(String name)
    {
        return REGION_NAME.matcher(name).matches();
    }

    /** An http(s) URL with a host and nothing after the path: the SDK appends nothing to it but the operation's body. */
    private static Optional<URI> endpoint(EnvironmentReader environment, String name, String example)
    {
        Optional<String> value = environment.text(name);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(value.get());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && uri.getRawQuery() == null && uri.getRawFragment() == null) {
                return Optional.of(uri);
            }
        }
        catch (URISyntaxException e) {
            // reported below
        }
        environment.problem(name, "'" + value.get() + "' is not an http(s) URL, like " + example);
        return Optional.empty();
    }
}
