package dev.deckhand.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.regex.Pattern;

/** A bearer token in the config (the ECR hook's, a job's trigger or ping token): long enough to guess at no rate, never repeated in a problem. */
public final class Tokens
{
    public static final int MIN_LENGTH = 16;
    /** RFC 6750's b64token: what fits after "Bearer " unquoted. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._~+/-]+=*");

    private Tokens() {}

    /** Whether {@code given} is the token, compared in constant time: hashed first, so neither a common prefix nor the length shows in the time it takes. */
    public static boolean matches(String given, Secret token)
    {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] left = sha256.digest(given.getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(left, sha256.digest(token.value().getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The token of an {@code Authorization: Bearer <token>} header, if that is what it is. */
    public static Optional<String> bearer(String authorization)
    {
        String bearer = "Bearer ";
        return authorization.regionMatches(true, 0, bearer, 0, bearer.length()) ? Optional.of(authorization.substring(bearer.length()).strip()) : Optional.empty();
    }

    public static Optional<Secret> read(ConfigNode token)
    {
        return token.text().flatMap(text -> {
            if (text.length() < MIN_LENGTH) {
                token.problem("must be at least " + MIN_LENGTH + " characters long, not " + text.length() + "; make one with openssl rand -hex 32");
                return Optional.empty();
            }
            if (!TOKEN.matcher(text).matches()) {
                token.problem("must be letters, digits and - . _ ~ + / only (it is sent as 'Authorization: Bearer <token>')");
                return Optional.empty();
            }
            return Optional.of(new Secret(text));
        });
    }
}
