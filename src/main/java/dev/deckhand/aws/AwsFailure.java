package dev.deckhand.aws;

import dev.deckhand.errors.ExternalFailure;
import dev.deckhand.text.Bundle;

import java.util.Optional;

/**
 * AWS refused or failed a call. {@link #code()} is AWS's error code ({@code AccessDeniedException},
 * {@code RepositoryNotFoundException}, …); advice is looked up by it in this package's bundle. An
 * access-denied names the IAM action that was missing.
 */
public class AwsFailure
        extends ExternalFailure
{
    static final Bundle BUNDLE = Bundle.of(AwsFailure.class);

    private final String service;
    private final String action;

    /** {@code service}: {@code ECR} or {@code SSM}; {@code action}: the IAM action of the call, e.g. {@code ecr:DescribeImages}. */
    public AwsFailure(String service, String action, Optional<String> code, String message, Throwable cause)
    {
        this(service, action, code, code.isPresent() ? "aws.refused" : "aws.unreachable", message, cause);
    }

    private AwsFailure(String service, String action, Optional<String> code, String key, String message, Throwable cause)
    {
        super(service + " " + action + " failed: " + code.orElse("no error code") + ": " + message, cause, BUNDLE, code,
                key, "service", service, "action", action, "code", code.orElse(""));
        this.service = service;
        this.action = action;
    }

    /** No call was made: the standard AWS environment names no region. Code {@code NoRegion}, for its advice. */
    static AwsFailure noRegion(String service, String action, String message, Throwable cause)
    {
        return new AwsFailure(service, action, Optional.of("NoRegion"), "aws.no.region", message, cause);
    }

    public String service()
    {
        return service;
    }

    /** The IAM action of the call that failed. */
    public String action()
    {
        return action;
    }

    public boolean isAccessDenied()
    {
        return code().filter(code -> code.equals("AccessDeniedException") || code.equals("AccessDenied")).isPresent();
    }

    @Override
    public Optional<String> advice()
    {
        return isAccessDenied() ? Optional.of("advice.access.denied") : Optional.empty();
    }
}
