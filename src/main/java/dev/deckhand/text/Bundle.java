package dev.deckhand.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The text of one capability in every language: {@code messages.properties} (English) and
 * {@code messages_ko.properties} (Korean) beside the capability's classes, read as UTF-8.
 * Placeholders are named, {@code {user}}; {@code {{} is a literal brace. No MessageFormat, so
 * an apostrophe is just an apostrophe.
 */
public final class Bundle
{
    static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");

    private final String name;
    private final Map<Language, Map<String, String>> messages = new EnumMap<>(Language.class);

    private Bundle(Class<?> owner)
    {
        this.name = owner.getPackageName();
        for (Language language : Language.values()) {
            String file = language == Language.EN ? "messages.properties" : "messages_" + language.code() + ".properties";
            messages.put(language, read(owner, file));
        }
    }

    /** The bundle in the package of {@code owner}. */
    public static Bundle of(Class<?> owner)
    {
        return new Bundle(requireNonNull(owner, "owner is null"));
    }

    /** Where the bundle lives, e.g. {@code dev.deckhand.scripts}. */
    public String name()
    {
        return name;
    }

    public Text in(Language language)
    {
        return new Text(this, messages.get(requireNonNull(language, "language is null")), language);
    }

    /** Every key and its text in {@code language}, sorted; for the tests that compare languages. */
    public Map<String, String> entries(Language language)
    {
        return new TreeMap<>(messages.get(language));
    }

    /** The placeholder names in {@code template}, in order of first use. */
    public static Set<String> placeholders(String template)
    {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = PLACEHOLDER.matcher(template.replace("{{", ""));
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private static Map<String, String> read(Class<?> owner, String file)
    {
        try (InputStream in = owner.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("message bundle " + owner.getPackageName() + "/" + file + " is missing");
            }
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, String> entries = new TreeMap<>();
            properties.stringPropertyNames().forEach(key -> entries.put(key, properties.getProperty(key)));
            return Map.copyOf(entries);
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not read message bundle " + owner.getPackageName() + "/" + file, e);
        }
    }
}
