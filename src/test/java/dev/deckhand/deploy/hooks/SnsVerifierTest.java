package dev.deckhand.deploy.hooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.deckhand.deploy.hooks.SnsMessage.Type;
import dev.deckhand.deploy.hooks.SnsRefusal.Kind;
import dev.deckhand.testing.TestingSns;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SnsVerifierTest
{
    private static final String TOPIC = "arn:aws:sns:ap-northeast-2:123456789012:deckhand-ecr";
    private static final String EVENT = "{\"id\":\"e-1\",\"detail-type\":\"ECR Image Action\"}";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path directory;
    private static TestingSns sns;

    private final Instant now = Instant.now();
    private final Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    private final SnsVerifier verifier = verifier(new SnsFetch(url -> sns.serves(url)), clock);

    @BeforeAll
    static void start()
            throws Exception
    {
        sns = TestingSns.start(directory);
    }

    @AfterAll
    static void stop()
    {
        sns.close();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aSignedNotificationIsVerifiedWithEitherSignatureVersion(int version)
            throws Exception
    {
        SnsMessage message = verifier.verify(bytes(sns.signed(sns.notification(TOPIC, "m-" + version, EVENT, now.minusSeconds(5)), version)));

        assertThat(message).isEqualTo(new SnsMessage(Type.NOTIFICATION, "m-" + version, TOPIC, EVENT, Optional.empty(), now.minusSeconds(5)));
    }

    @Test
    void theCertificateIsFetchedOnceForItsUrl()
            throws Exception
    {
        int before = sns.certificateFetches();
        for (int i = 0; i < 3; i++) {
            verifier.verify(bytes(sns.signed(sns.notification(TOPIC, "m-" + i, EVENT, now), 2)));
        }

        assertThat(sns.certificateFetches() - before).isEqualTo(1);
    }

    @Test
    void aSubjectIsSignedWhenPresent()
            throws Exception
    {
        ObjectNode withSubject = sns.notification(TOPIC, "m-s", EVENT, now).put("Subject", "ECR push");

        assertThat(verifier.verify(bytes(sns.signed(withSubject, 2))).messageId()).isEqualTo("m-s");
        assertThat(SnsVerifier.stringToSign(Type.NOTIFICATION, withSubject)).isEqualTo(
                "Message\n" + EVENT + "\nMessageId\nm-s\nSubject\nECR push\nTimestamp\n" + now + "\nTopicArn\n" + TOPIC + "\nType\nNotification\n");
    }

    @Test
    void aTamperedMessageIsRefused()
    {
        ObjectNode signed = sns.signed(sns.notification(TOPIC, "m-t", EVENT, now), 2);

        assertRefused(signed.deepCopy().put("Message", EVENT.replace("e-1", "e-2")), Kind.REFUSED, "the signature does not match");
        assertRefused(signed.deepCopy().put("Subject", "added later"), Kind.REFUSED, "the signature does not match");
        assertRefused(signed.deepCopy().put("SignatureVersion", "1"), Kind.REFUSED, "the signature does not match");
        assertRefused(signed.deepCopy().put("Signature", sns.sign("Message\nsomething else\n", 2)), Kind.REFUSED, "the signature does not match");
        assertRefused(signed.deepCopy().put("Signature", "not base64!"), Kind.REFUSED, "the Signature is not base64");
        assertRefused(signed.deepCopy().put("SignatureVersion", "3"), Kind.REFUSED, "the SignatureVersion is neither 1 nor 2");
    }

    @Test
    void anUnsignedMessageIsRefused()
    {
        ObjectNode message = sns.notification(TOPIC, "m-u", EVENT, now);

        assertRefused(message, Kind.REFUSED, "unsigned: there is no SignatureVersion");
        assertRefused(sns.signed(message, 2).without("Signature"), Kind.REFUSED, "unsigned: there is no Signature");
        assertRefused(sns.signed(message, 2).without("SigningCertURL"), Kind.REFUSED, "unsigned: there is no SigningCertURL");
    }

    @Test
    void aTopicNotInTheConfigIsRefusedBeforeAnythingIsFetched()
    {
        int before = sns.certificateFetches();

        assertRefused(sns.signed(sns.notification(TOPIC.replace("deckhand-ecr", "someone-else"), "m-w", EVENT, now), 2),
                Kind.REFUSED, "the TopicArn is not one of hooks.snsTopics");
        SnsRefusal none = catchThrowableOfType(SnsRefusal.class, () -> new SnsVerifier(HooksConfig::none, new SnsFetch(url -> sns.serves(url)), clock)
                .verify(bytes(sns.signed(sns.notification(TOPIC, "m-n", EVENT, now), 2))));
        assertThat(none).hasMessage("hooks.snsTopics is empty, so no SNS topic is trusted");
        assertThat(sns.certificateFetches()).isEqualTo(before);
    }

    @Test
    void certificateUrlsOtherThanSnsHostsAreRefusedByTheDefaultRuleWithoutAFetch()
    {
        SnsVerifier strict = verifier(new SnsFetch(SnsTrust.amazon()), clock);
        int port = sns.certificateUrl().getPort();
        List<String> untrusted = List.of(
                sns.certificateUrl().toString(),
                "https://127.0.0.1:" + port + "/cert.pem",
                "http://sns.ap-northeast-2.amazonaws.com/SimpleNotificationService-1.pem",
                "https://sns.s3.amazonaws.com/SimpleNotificationService-1.pem",
                "https://sns.ap-northeast-2.amazonaws.com.evil.example/SimpleNotificationService-1.pem",
                "https://sns.ap-northeast-2.amazonaws.com@127.0.0.1:" + port + "/cert.pem",
                "https://user@sns.ap-northeast-2.amazonaws.com/SimpleNotificationService-1.pem",
                "https://sns.ap-northeast-2.amazonaws.com:8443/SimpleNotificationService-1.pem",
                "https://sns.ap-northeast-2.amazonaws.com:443/SimpleNotificationService-1.pem",
                "https://sns.ap-northeast-2.amazonaws.com./SimpleNotificationService-1.pem",
                "https://xsns.ap-northeast-2.amazonaws.com/SimpleNotificationService-1.pem",
                "https://sns.ap-northeast-2.amazonaws.com",
                "https://evil.example/sns.ap-northeast-2.amazonaws.com/SimpleNotificationService-1.pem",
                "file:///etc/passwd");
        int before = sns.certificateFetches();

        for (String url : untrusted) {
            ObjectNode message = sns.signed(sns.notification(TOPIC, "m-h", EVENT, now).put("SigningCertURL", url), 2);
            SnsRefusal refusal = catchThrowableOfType(SnsRefusal.class, () -> strict.verify(bytes(message)));
            assertThat(refusal).as(url).hasMessage("the SigningCertURL is not an https://sns.<region>.amazonaws.com/ URL");
        }
        assertThat(sns.certificateFetches()).isEqualTo(before);
        assertThat(SnsTrust.amazon().trusts(URI.create("https://sns.ap-northeast-2.amazonaws.com/SimpleNotificationService-01d088a6f77103d0fe307c0069e40ed6.pem"))).isTrue();
        assertThat(SnsTrust.amazon().trusts(URI.create("https://sns.us-gov-west-1.amazonaws.com/?Action=ConfirmSubscription&Token=t"))).isTrue();
    }

    @Test
    void aCertificateThatCannotBeHadIsRefusedOrUnavailable()
    {
        assertRefused(sns.signed(sns.notification(TOPIC, "m-c", EVENT, now).put("SigningCertURL", sns.url("/missing.pem").toString()), 2),
                Kind.REFUSED, "the SigningCertURL answered 404");
        assertRefused(sns.signed(sns.notification(TOPIC, "m-c", EVENT, now).put("SigningCertURL", sns.url("/huge.pem").toString()), 2),
                Kind.UNAVAILABLE, "the signing certificate could not be fetched: IOException");
        assertRefused(sns.signed(sns.notification(TOPIC, "m-c", EVENT, now).put("SigningCertURL", sns.url("/confirm").toString()), 2),
                Kind.REFUSED, "the SigningCertURL did not give an X.509 certificate");
    }

    @Test
    void anOldOrFarAheadTimestampIsRefused()
            throws Exception
    {
        assertRefused(sns.signed(sns.notification(TOPIC, "m-o", EVENT, now.minus(Duration.ofMinutes(61))), 2), Kind.REFUSED, "the Timestamp is more than 60 minutes old");
        assertRefused(sns.signed(sns.notification(TOPIC, "m-o", EVENT, now.plus(Duration.ofMinutes(16))), 2), Kind.REFUSED, "the Timestamp is more than 15 minutes ahead");
        assertRefused(sns.signed(sns.notification(TOPIC, "m-o", EVENT, now).put("Timestamp", "yesterday"), 2), Kind.MALFORMED, "the Timestamp is not an ISO-8601 instant");
        assertThat(verifier.verify(bytes(sns.signed(sns.notification(TOPIC, "m-o", EVENT, now.minus(Duration.ofMinutes(59))), 2))).messageId()).isEqualTo("m-o");
    }

    @Test
    void anExpiredCertificateIsRefused()
    {
        Clock later = Clock.offset(clock, Duration.ofDays(3));

        SnsRefusal refusal = catchThrowableOfType(SnsRefusal.class, () -> verifier(new SnsFetch(url -> sns.serves(url)), later)
                .verify(bytes(sns.signed(sns.notification(TOPIC, "m-x", EVENT, later.instant()), 2))));

        assertThat(refusal).hasMessage("the signing certificate is expired or not yet valid");
    }

    @Test
    void subscriptionConfirmationsSignTheirOwnFields()
            throws Exception
    {
        ObjectNode confirmation = sns.subscriptionConfirmation(TOPIC, "m-sc", "tok-1", now);
        String subscribeUrl = confirmation.get("SubscribeURL").asText();

        assertThat(SnsVerifier.stringToSign(Type.SUBSCRIPTION_CONFIRMATION, confirmation)).isEqualTo("Message\n" + confirmation.get("Message").asText()
                + "\nMessageId\nm-sc\nSubscribeURL\n" + subscribeUrl + "\nTimestamp\n" + now + "\nToken\ntok-1\nTopicArn\n" + TOPIC + "\nType\nSubscriptionConfirmation\n");
        SnsMessage verified = verifier.verify(bytes(sns.signed(confirmation, 2)));
        assertThat(verified.type()).isEqualTo(Type.SUBSCRIPTION_CONFIRMATION);
        assertThat(verified.subscribeUrl()).contains(URI.create(subscribeUrl));
        assertRefused(sns.signed(confirmation, 2).put("Token", "tok-2"), Kind.REFUSED, "the signature does not match");
        ObjectNode unsubscribed = sns.subscriptionConfirmation(TOPIC, "m-uc", "tok-3", now).put("Type", "UnsubscribeConfirmation");
        assertThat(verifier.verify(bytes(sns.signed(unsubscribed, 1))).type()).isEqualTo(Type.UNSUBSCRIBE_CONFIRMATION);
    }

    @Test
    void whatIsNotAnSnsMessageIsMalformed()
    {
        assertMalformed("not json", "the body is not JSON");
        assertMalformed("[1, 2]", "the body is not a JSON object");
        assertMalformed("{\"Type\":\"Notification\",\"Type\":\"SubscriptionConfirmation\"}", "the body is not JSON");
        assertMalformed("{\"Type\":\"Something\"}", "the Type is not one SNS posts");
        assertMalformed("{\"Type\":\"Notification\",\"Message\":{\"id\":1}}", "the Message is not a string");
        assertMalformed("{\"Type\":\"Notification\",\"Message\":\"m\",\"MessageId\":\"1\",\"TopicArn\":\"" + TOPIC + "\"}", "there is no Timestamp");
    }

    private SnsVerifier verifier(SnsFetch fetch, Clock clock)
    {
        return new SnsVerifier(() -> new HooksConfig(Optional.empty(), List.of(TOPIC)), fetch, clock);
    }

    private void assertRefused(ObjectNode message, Kind kind, String reason)
    {
        SnsRefusal refusal = catchThrowableOfType(SnsRefusal.class, () -> verifier.verify(bytes(message)));
        assertThat(refusal).as("refusal of %s", message).isNotNull().hasMessage(reason);
        assertThat(refusal.kind()).isEqualTo(kind);
    }

    private void assertMalformed(String body, String reason)
    {
        SnsRefusal refusal = catchThrowableOfType(SnsRefusal.class, () -> verifier.verify(body.getBytes(StandardCharsets.UTF_8)));
        assertThat(refusal).as(body).isNotNull().hasMessage(reason);
        assertThat(refusal.kind()).isEqualTo(Kind.MALFORMED);
    }

    private static byte[] bytes(ObjectNode message)
    {
        try {
            return JSON.writeValueAsBytes(message);
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
