package dev.deckhand.testing;

import dev.deckhand.aws.AwsSettings;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Helpers for /deploy tests: the environment that points Deckhand at the AWS fakes, and reading deploy messages. */
public final class TestingDeploys
{
    private TestingDeploys() {}

    /** AWS_REGION and both endpoints at the fakes (the credentials are fake keys in system properties, set by the build). */
    public static Map<String, String> environment(TestingSsm ssm, TestingEcr ecr)
    {
        return Map.of(AwsSettings.REGION, TestingAws.REGION, AwsSettings.SSM_ENDPOINT, ssm.endpoint().toString(),
                AwsSettings.ECR_ENDPOINT, ecr.endpoint().toString());
    }

    /** The value of the button {@code actionId} in Block Kit JSON. */
    public static Optional<String> buttonValue(String blocks, String actionId)
    {
        Matcher matcher = Pattern.compile("\"action_id\":\"" + Pattern.quote(actionId) + "\",\"value\":\"([^\"]+)\"|\"value\":\"([^\"]+)\"[^}]*\"action_id\":\""
                + Pattern.quote(actionId) + "\"").matcher(blocks == null ? "" : blocks);
        if (!matcher.find()) {
            return Optional.empty();
        }
        return Optional.of(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
    }

    /** What a host script prints first when it took the image. */
    public static String deployed(String digest)
    {
        return "{\"outcome\":\"deployed\",\"digest\":\"" + digest + "\",\"previousDigest\":\"\",\"health\":\"200 after 2s\"}\nlog line 1\nlog line 2";
    }

    public static String failed(String outcome, String digest)
    {
        return "{\"outcome\":\"" + outcome + "\",\"digest\":\"" + digest + "\",\"health\":\"503 for 60s\"}\nhealth check failed: 503\nputting the previous container back";
    }

    /** The digest of the image a command was sent with. */
    public static String digestOf(TestingSsm.SentCommand sent)
    {
        String image = sent.parameters().get("image").get(0);
        return image.substring(image.indexOf('@') + 1);
    }
}
