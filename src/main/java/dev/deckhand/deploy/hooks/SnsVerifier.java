package dev.deckhand.deploy.hooks;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.deckhand.deploy.hooks.SnsMessage.Type;
import dev.deckhand.deploy.hooks.SnsRefusal.Kind;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * Checks that an SNS message posted over HTTP comes from SNS, for a topic in {@code hooks.snsTopics},
 * and is recent, as AWS documents it: the fields each type signs, {@code Key\nValue\n} in their order,
 * verified with SHA1withRSA ({@code SignatureVersion} 1) or SHA256withRSA (2) against the X.509
 * certificate at {@code SigningCertURL}, fetched only when {@link SnsTrust} allows that URL and kept
 * by URL (a few). The cheap checks come first, so a message for no topic of ours fetches nothing.
 */
final class SnsVerifier
{
    /** SNS gives up retrying after an hour, so an older message is a replay. */
    static final Duration MAX_AGE = Duration.ofHours(1);
    static final Duration MAX_AHEAD = Duration.ofMinutes(15);
    static final int MAX_CERTIFICATE = 16 * 1024;
    private static final int CACHED_CERTIFICATES = 16;
    // A key twice would leave the value checked and the value used to the parser's whim.
    private static final ObjectMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private final Supplier<HooksConfig> config;
    private final SnsFetch fetch;
    private final Clock clock;
    private final Map<URI, X509Certificate> certificates = new LinkedHashMap<>(CACHED_CERTIFICATES, 0.75f, true)
    {
        @Override
        protected boolean removeEldestEntry(Map.Entry<URI, X509Certificate> eldest)
        {
            return size() > CACHED_CERTIFICATES;
        }
    };

    SnsVerifier(Supplier<HooksConfig> config, SnsFetch fetch, Clock clock)
    {
        this.config = requireNonNull(config, "config is null");
        this.fetch = requireNonNull(fetch, "fetch is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    SnsMessage verify(byte[] body)
            throws SnsRefusal
    {
        JsonNode message = parse(body);
        Type type = field(message, "Type").flatMap(Type::of).orElseThrow(() -> malformed("the Type is not one SNS posts"));
        String signed = stringToSign(type, message);
        String topic = required(message, "TopicArn");
        List<String> topics = config.get().snsTopics();
        if (!topics.contains(topic)) {
            throw refused(topics.isEmpty() ? "hooks.snsTopics is empty, so no SNS topic is trusted" : "the TopicArn is not one of hooks.snsTopics");
        }
        Instant timestamp = timestamp(required(message, "Timestamp"));
        String algorithm = algorithm(field(message, "SignatureVersion"));
        byte[] signature = signature(field(message, "Signature"));
        X509Certificate certificate = certificate(certificateUrl(field(message, "SigningCertURL")));
        check(algorithm, certificate, signed, signature);
        Optional<URI> subscribeUrl = type == Type.NOTIFICATION ? Optional.empty() : Optional.of(url(required(message, "SubscribeURL"), "SubscribeURL", Kind.MALFORMED));
        return new SnsMessage(type, required(message, "MessageId"), topic, required(message, "Message"), subscribeUrl, timestamp);
    }

    /** What SNS signed for a message of {@code type}: each signed field present as {@code Key\nValue\n}, in AWS's order. */
    static String stringToSign(Type type, JsonNode message)
            throws SnsRefusal
    {
        StringBuilder signed = new StringBuilder();
        for (String key : type.signed()) {
            Optional<String> value = field(message, key);
            if (value.isEmpty() && key.equals("Subject")) {
                continue;
            }
            signed.append(key).append('\n').append(value.orElseThrow(() -> malformed("there is no " + key))).append('\n');
        }
        return signed.toString();
    }

    private static JsonNode parse(byte[] body)
            throws SnsRefusal
    {
        try {
            JsonNode message = JSON.readTree(body);
            if (message == null || !message.isObject()) {
                throw malformed("the body is not a JSON object");
            }
            return message;
        }
        catch (IOException e) {
            throw malformed("the body is not JSON");
        }
    }

    private Instant timestamp(String text)
            throws SnsRefusal
    {
        Instant timestamp;
        try {
            timestamp = Instant.parse(text);
        }
        catch (DateTimeParseException e) {
            throw malformed("the Timestamp is not an ISO-8601 instant");
        }
        Instant now = clock.instant();
        if (timestamp.isBefore(now.minus(MAX_AGE))) {
            throw refused("the Timestamp is more than " + MAX_AGE.toMinutes() + " minutes old");
        }
        if (timestamp.isAfter(now.plus(MAX_AHEAD))) {
            throw refused("the Timestamp is more than " + MAX_AHEAD.toMinutes() + " minutes ahead");
        }
        return timestamp;
    }

    private static String algorithm(Optional<String> version)
            throws SnsRefusal
    {
        return switch (version.orElseThrow(() -> refused("unsigned: there is no SignatureVersion"))) {
            case "1" -> "SHA1withRSA";
            case "2" -> "SHA256withRSA";
            default -> throw refused("the SignatureVersion is neither 1 nor 2");
        };
    }

    private static byte[] signature(Optional<String> signature)
            throws SnsRefusal
    {
        try {
            return Base64.getDecoder().decode(signature.orElseThrow(() -> refused("unsigned: there is no Signature")));
        }
        catch (IllegalArgumentException e) {
            throw refused("the Signature is not base64");
        }
    }

    private URI certificateUrl(Optional<String> text)
            throws SnsRefusal
    {
        URI url = url(text.orElseThrow(() -> refused("unsigned: there is no SigningCertURL")), "SigningCertURL", Kind.REFUSED);
        if (!fetch.trusts(url)) {
            throw refused("the SigningCertURL is not an https://sns.<region>.amazonaws.com/ URL");
        }
        return url;
    }

    private X509Certificate certificate(URI url)
            throws SnsRefusal
    {
        X509Certificate certificate;
        synchronized (certificates) {
            certificate = certificates.get(url);
        }
        if (certificate == null) {
            certificate = download(url);
            synchronized (certificates) {
                certificates.put(url, certificate);
            }
        }
        try {
            certificate.checkValidity(Date.from(clock.instant()));
            return certificate;
        }
        catch (CertificateException e) {
            throw refused("the signing certificate is expired or not yet valid");
        }
    }

    private X509Certificate download(URI url)
            throws SnsRefusal
    {
        SnsFetch.Answer answer;
        try {
            answer = fetch.get(url, MAX_CERTIFICATE);
        }
        catch (IOException e) {
            throw new SnsRefusal(Kind.UNAVAILABLE, "the signing certificate could not be fetched: " + e.getClass().getSimpleName());
        }
        if (answer.status() != 200) {
            throw refused("the SigningCertURL answered " + answer.status());
        }
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(answer.body()));
        }
        catch (CertificateException | ClassCastException e) {
            throw refused("the SigningCertURL did not give an X.509 certificate");
        }
    }

    private static void check(String algorithm, X509Certificate certificate, String signed, byte[] signature)
            throws SnsRefusal
    {
        boolean verified;
        try {
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(signed.getBytes(StandardCharsets.UTF_8));
            verified = verifier.verify(signature);
        }
        catch (GeneralSecurityException e) {
            verified = false;
        }
        if (!verified) {
            throw refused("the signature does not match");
        }
    }

    private static URI url(String text, String field, Kind kind)
            throws SnsRefusal
    {
        try {
            return new URI(text);
        }
        catch (URISyntaxException e) {
            throw new SnsRefusal(kind, "the " + field + " is not a URL");
        }
    }

    private static String required(JsonNode message, String key)
            throws SnsRefusal
    {
        return field(message, key).orElseThrow(() -> malformed("there is no " + key));
    }

    /** A text field; absent and null alike are empty, any other kind of value is not SNS's. */
    private static Optional<String> field(JsonNode message, String key)
            throws SnsRefusal
    {
        JsonNode value = message.get(key);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw malformed("the " + key + " is not a string");
        }
        return Optional.of(value.textValue());
    }

    private static SnsRefusal malformed(String reason)
    {
        return new SnsRefusal(Kind.MALFORMED, reason);
    }

    private static SnsRefusal refused(String reason)
    {
        return new SnsRefusal(Kind.REFUSED, reason);
    }
}
