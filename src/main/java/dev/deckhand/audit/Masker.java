package dev.deckhand.audit;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/** Hides secrets in text that is posted or logged: Slack tokens, AWS keys, and known secret values. */
public final class Masker
{
    public static final String MASK = "******";

    private static final List<Pattern> TOKENS = List.of(
            Pattern.compile("xox[abposr]-[A-Za-z0-9-]{6,}"),
            Pattern.compile("xapp-[A-Za-z0-9-]{6,}"),
            Pattern.compile("\\b(?:AKIA|ASIA)[A-Z0-9]{16}\\b"),
            // Shell, ini, YAML and JSON spellings: KEY=v, key = v, key: "v", "key": "v".
            Pattern.compile("(?i)(aws_secret_access_key[\"']?\\s*[=:]\\s*[\"']?)[A-Za-z0-9/+=]{40}"));
    private static final Pattern AWS_SECRET_ASSIGNMENT = TOKENS.get(3);

    private final List<String> secretValues;

    public Masker(Collection<String> secretValues)
    {
        this.secretValues = secretValues.stream()
                .filter(value -> value.length() >= 4)
                .distinct()
                .toList();
    }

    public static Masker tokensOnly()
    {
        return new Masker(List.of());
    }

    public String mask(String text)
    {
        String masked = secretValues.isEmpty() ? text : maskSecretValues(text);
        for (Pattern token : TOKENS) {
            masked = token == AWS_SECRET_ASSIGNMENT
                    ? token.matcher(masked).replaceAll("$1" + MASK)
                    : token.matcher(masked).replaceAll(MASK);
        }
        return masked;
    }

    // Every occurrence of every secret is marked before anything is replaced, so a secret that
    // contains or overlaps another is hidden whole rather than leaving a tail of itself behind.
    private String maskSecretValues(String text)
    {
        boolean[] hidden = new boolean[text.length()];
        for (String secret : secretValues) {
            for (int at = text.indexOf(secret); at >= 0; at = text.indexOf(secret, at + 1)) {
                Arrays.fill(hidden, at, at + secret.length(), true);
            }
        }
        return replaceHidden(text, hidden);
    }

    private static String replaceHidden(String text, boolean[] hidden)
    {
        StringBuilder masked = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            if (!hidden[i]) {
                masked.append(text.charAt(i));
            }
            else if (i == 0 || !hidden[i - 1]) {
                masked.append(MASK);
            }
        }
        return masked.toString();
    }
}
