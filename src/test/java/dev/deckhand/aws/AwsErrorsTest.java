package dev.deckhand.aws;

import dev.deckhand.errors.ErrorTranslator;
import dev.deckhand.text.CurrentLanguage;
import dev.deckhand.text.Language;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ssm.model.SsmException;

import static org.assertj.core.api.Assertions.assertThat;

/** The SDK's exceptions as {@link AwsFailure}s, and how people hear them. */
class AwsErrorsTest
{
    @Test
    void aRefusalCarriesAwsErrorCodeAndTheIamAction()
    {
        SsmException denied = (SsmException) SsmException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDeniedException").errorMessage("not authorized to perform: ssm:SendCommand").build()).build();

        AwsFailure failure = AwsErrors.failure(AwsErrors.SSM, SsmMapping.SEND_COMMAND, denied);

        assertThat(failure.code()).contains("AccessDeniedException");
        assertThat(failure.action()).isEqualTo("ssm:SendCommand");
        assertThat(failure.isAccessDenied()).isTrue();
        assertThat(failure.explanation()).isEqualTo("aws.refused");
        assertThat(failure.advice()).contains("advice.access.denied");
        assertThat(failure.getCause()).isSameAs(denied);
        assertThat(failure.getMessage()).isEqualTo("SSM ssm:SendCommand failed: AccessDeniedException: not authorized to perform: ssm:SendCommand");
    }

    @Test
    void aRepositoryNotFoundIsAdvisedFromTheBundle()
    {
        AwsFailure failure = AwsErrors.failure(AwsErrors.ECR, EcrMapping.DESCRIBE_IMAGES, RepositoryNotFoundException.builder()
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("RepositoryNotFoundException").errorMessage("The repository with name 'web' does not exist").build()).build());

        assertThat(new ErrorTranslator(CurrentLanguage.fixed(Language.KO)).translate("web 이미지 찾기", failure).text())
                .isEqualTo(":x: web 이미지 찾기 실패: AWS ECR이(가) ecr:DescribeImages 요청을 거부했어요 (RepositoryNotFoundException). 설정에서 서비스의 repository(와 registry)를 확인해 주세요.");
    }

    @Test
    void noAnswerFromAwsIsUnreachableWithoutACode()
    {
        AwsFailure timedOut = AwsErrors.failure(AwsErrors.SSM, SsmMapping.LIST_COMMAND_INVOCATIONS, ApiCallTimeoutException.create(25_000));
        AwsFailure refused = AwsErrors.failure(AwsErrors.ECR, EcrMapping.DESCRIBE_IMAGES, SdkClientException.create("Unable to execute HTTP request: Connection refused"));
        AwsFailure noCode = AwsErrors.failure(AwsErrors.SSM, SsmMapping.CANCEL_COMMAND, SsmException.builder().statusCode(503).message("Service Unavailable").build());

        assertThat(timedOut.code()).isEmpty();
        assertThat(timedOut.explanation()).isEqualTo("aws.unreachable");
        assertThat(refused.getMessage()).isEqualTo("ECR ecr:DescribeImages failed: no error code: Unable to execute HTTP request: Connection refused");
        assertThat(noCode.code()).isEmpty();
        assertThat(new ErrorTranslator().translate("Checking the deploy", timedOut).text())
                .isEqualTo(":x: Checking the deploy failed: AWS SSM could not be reached for ssm:ListCommandInvocations. Nothing else was changed; try again in a minute.");
    }
}
