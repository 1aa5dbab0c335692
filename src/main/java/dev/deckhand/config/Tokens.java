package dev.deckhand.config;

import java.util.Optional;
import java.util.regex.Pattern;

/** A bearer token in the config (the ECR hook's, a job's trigger or ping token): long enough to guess at no rate, never repeated in a problem. */
public final class Tokens
{
    public static final int MIN_LENGTH = 16;
    /** RFC 6750's b64token: what fits after "Bearer " unquoted. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._~+/-]+=*");

    private Tokens() {}

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
