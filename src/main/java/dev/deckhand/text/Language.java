package dev.deckhand.text;

import java.util.Arrays;
import java.util.Optional;

/** The languages Deckhand speaks: the config's {@code locale}. */
public enum Language
{
    EN("en"),
    KO("ko");

    private final String code;

    Language(String code)
    {
        this.code = code;
    }

    /** As written in the config: {@code en}, {@code ko}. */
    public String code()
    {
        return code;
    }

    public static Optional<Language> of(String code)
    {
        return Arrays.stream(values()).filter(language -> language.code.equals(code)).findFirst();
    }
}
