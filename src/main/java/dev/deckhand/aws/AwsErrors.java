package dev.deckhand.aws;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

import java.util.Optional;

/** The SDK's exceptions as {@link AwsFailure}s: AWS's error code when AWS answered, none when it could not be reached. */
final class AwsErrors
{
    static final String SSM = "SSM";
    static final String ECR = "ECR";

    private AwsErrors() {}

    /** {@code action}: the IAM action of the call, e.g. {@code ssm:SendCommand}, which an access-denied names. */
    static AwsFailure failure(String service, String action, SdkException exception)
    {
        if (exception instanceof AwsServiceException refused) {
            Optional<AwsErrorDetails> details = Optional.ofNullable(refused.awsErrorDetails());
            Optional<String> code = details.map(AwsErrorDetails::errorCode).filter(text -> !text.isBlank());
            String message = details.map(AwsErrorDetails::errorMessage).filter(text -> !text.isBlank()).orElse(String.valueOf(refused.getMessage()));
            return new AwsFailure(service, action, code, message, exception);
        }
        return new AwsFailure(service, action, Optional.empty(), String.valueOf(exception.getMessage()), exception);
    }
}
