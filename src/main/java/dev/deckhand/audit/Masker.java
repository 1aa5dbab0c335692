package dev.deckhand.audit;

import java.util.Collection;
import java.util.Comparator;
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
            Pattern.compile("(?i)(aws_secret_access_key\\s*[=:]\\s*)[A-Za-z0-9/+=]{40}"));
    private static final Pattern AWS_SECRET_ASSIGNMENT = TOKENS.get(3);

    private final List<String> secretValues;

    public Masker(Collection<String> secretValues)
    {
        // Longest first, so a secret containing another is masked whole.
        this.secretValues = secretValues.stream()
                .filter(value -> value.length() >= 4)
                .distinct()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
    }

    public static Masker tokensOnly()
    {
        return new Masker(List.of());
    }

    public String mask(String text)
    {
        String masked = text;
        for (String secret : secretValues) {
            masked = masked.replace(secret, MASK);
        }
        for (Pattern token : TOKENS) {
            masked = token == AWS_SECRET_ASSIGNMENT
                    ? token.matcher(masked).replaceAll("$1" + MASK)
                    : token.matcher(masked).replaceAll(MASK);
        }
        return masked;
    }
}
