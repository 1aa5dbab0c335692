package dev.deckhand.slack;

import dev.deckhand.config.Secret;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Slack's request signature (HMAC-SHA256 of {@code v0:<timestamp>:<body>} with the signing secret),
 * checked over the exact bytes received before anything parses them, and its timestamp window: more
 * than five minutes away, in the past or the future, is refused (Bolt itself accepts the future).
 * Each header must come exactly once, so no one can slip a second signature past a check that reads the first.
 */
final class SignatureCheck
{
    static final Duration WINDOW = Duration.ofMinutes(5);
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{1,12}");
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    private final Clock clock;

    SignatureCheck(Secret signingSecret, Clock clock)
    {
        this.key = new SecretKeySpec(requireNonNull(signingSecret, "signingSecret is null").value().getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Empty when Slack signed {@code body} at {@code timestamps} within the window; otherwise why not, for the log. */
    Optional<String> refusal(List<String> timestamps, List<String> signatures, byte[] body)
    {
        if (timestamps.size() != 1 || signatures.size() != 1) {
            return Optional.of(count("timestamp", timestamps) + ", " + count("signature", signatures));
        }
        String timestamp = timestamps.get(0);
        if (!TIMESTAMP.matcher(timestamp).matches()) {
            return Optional.of("the timestamp is not a number of seconds");
        }
        if (Math.abs(clock.instant().getEpochSecond() - Long.parseLong(timestamp)) > WINDOW.toSeconds()) {
            return Optional.of("the timestamp is more than " + WINDOW.toMinutes() + " minutes from now");
        }
        byte[] expected = ("v0=" + HexFormat.of().formatHex(mac(timestamp, body))).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signatures.get(0).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of("the signature does not match");
        }
        return Optional.empty();
    }

    private byte[] mac(String timestamp, byte[] body)
    {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    private static String count(String header, List<String> values)
    {
        return switch (values.size()) {
            case 0 -> "no " + header;
            case 1 -> "one " + header;
            default -> values.size() + " " + header + "s";
        };
    }
}
