package dev.deckhand.audit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MaskerTest
{
    private final Masker tokensOnly = Masker.tokensOnly();

    @ParameterizedTest
    @ValueSource(strings = {
            "xoxb-1234567890-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx",
            "xoxp-1234567890-1234567890-1234567890123-abcdef0123456789abcdef0123456789",
            "xoxa-2-1234567890-abcdef",
            "xoxr-1234567890-abcdefghij",
            "xapp-1-A0123456789-1234567890123-abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789"})
    void testSlackTokens(String token)
    {
        assertThat(tokensOnly.mask("token=" + token + " end")).isEqualTo("token=****** end");
    }

    @Test
    void testAwsAccessKeyIds()
    {
        assertThat(tokensOnly.mask("id AKIAIOSFODNN7EXAMPLE here")).isEqualTo("id ****** here");
        assertThat(tokensOnly.mask("id ASIAY34FZKBOKMUTVV7A here")).isEqualTo("id ****** here");
        // Not 20 characters: not a key id.
        assertThat(tokensOnly.mask("AKIAIOSFODNN7EXAMPL")).isEqualTo("AKIAIOSFODNN7EXAMPL");
        assertThat(tokensOnly.mask("AKIAIOSFODNN7EXAMPLEX")).isEqualTo("AKIAIOSFODNN7EXAMPLEX");
    }

    @Test
    void testAwsSecretAccessKeyAssignments()
    {
        String secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

        assertThat(tokensOnly.mask("aws_secret_access_key = " + secret)).isEqualTo("aws_secret_access_key = ******");
        assertThat(tokensOnly.mask("AWS_SECRET_ACCESS_KEY=" + secret + "\nnext")).isEqualTo("AWS_SECRET_ACCESS_KEY=******\nnext");
        assertThat(tokensOnly.mask("aws_secret_access_key: " + secret)).isEqualTo("aws_secret_access_key: ******");
        assertThat(tokensOnly.mask("aws_secret_access_key: \"" + secret + "\"")).isEqualTo("aws_secret_access_key: \"******\"");
        assertThat(tokensOnly.mask("{\"aws_secret_access_key\": \"" + secret + "\"}")).isEqualTo("{\"aws_secret_access_key\": \"******\"}");
    }

    @Test
    void testGivenSecretValues()
    {
        Masker masker = new Masker(List.of("hunter22", "s3cr3t-value"));

        assertThat(masker.mask("password hunter22, token s3cr3t-value; again hunter22"))
                .isEqualTo("password ******, token ******; again ******");
    }

    @Test
    void testLongestSecretFirst()
    {
        Masker masker = new Masker(List.of("pass", "password123"));

        assertThat(masker.mask("is password123")).isEqualTo("is ******");
    }

    @Test
    void testOverlappingSecretsLeaveNothingBehind()
    {
        Masker masker = new Masker(List.of("abcdef", "defghi"));

        assertThat(masker.mask("[abcdefghi]")).isEqualTo("[******]");
        assertThat(masker.mask("[defghi] [abcdef]")).isEqualTo("[******] [******]");
    }

    @Test
    void testShortValuesNotMasked()
    {
        Masker masker = new Masker(List.of("abc", "1", ""));

        assertThat(masker.mask("abc 1 abcd")).isEqualTo("abc 1 abcd");
    }

    @Test
    void testSecretsAreLiteralNotRegex()
    {
        Masker masker = new Masker(List.of("a.b*c$1"));

        assertThat(masker.mask("x a.b*c$1 axbbbc$1")).isEqualTo("x ****** axbbbc$1");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "Deployed web to prod in 42s",
            "xoxb-short",
            "AKIA lowercase akiaiosfodnn7example",
            "aws_secret_access_key = tooShort",
            "see https://example.com/?q=xox&b=1"})
    void testTextWithoutSecretsUnchanged(String text)
    {
        assertThat(new Masker(List.of("hunter22")).mask(text)).isEqualTo(text);
    }
}
