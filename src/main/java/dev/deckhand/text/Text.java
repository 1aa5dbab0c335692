package dev.deckhand.text;

import java.util.HashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** A {@link Bundle} in one language: messages by key, with their named placeholders filled in. */
public final class Text
{
    private final Bundle bundle;
    private final Map<String, String> messages;
    private final Language language;

    Text(Bundle bundle, Map<String, String> messages, Language language)
    {
        this.bundle = requireNonNull(bundle, "bundle is null");
        this.messages = requireNonNull(messages, "messages is null");
        this.language = requireNonNull(language, "language is null");
    }

    public Language language()
    {
        return language;
    }

    /**
     * The message {@code key} with its placeholders replaced: {@code arguments} are name, value
     * pairs, e.g. {@code get("run.title", "user", "U0DEV", "command", "hello")}. Values go in as
     * they are. A missing key or placeholder is a bug in Deckhand, and throws.
     */
    public String get(String key, Object... arguments)
    {
        String template = messages.get(key);
        if (template == null) {
            throw new IllegalArgumentException("no message '" + key + "' in " + bundle.name() + " (" + language.code() + ")");
        }
        return fill(key, template, values(key, arguments));
    }

    /**
     * {@code value} cut to at most {@code max} characters (with an ellipsis) and without backticks,
     * so a reply that quotes what someone typed stays short and its code span intact.
     */
    public static String excerpt(String value, int max)
    {
        String plain = value.replace('`', '\'');
        return plain.length() <= max ? plain : plain.substring(0, Math.max(0, max - 1)) + "…";
    }

    private Map<String, String> values(String key, Object[] arguments)
    {
        if (arguments.length % 2 != 0) {
            throw new IllegalArgumentException("message '" + key + "' needs name, value pairs");
        }
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < arguments.length; i += 2) {
            values.put(String.valueOf(arguments[i]), String.valueOf(arguments[i + 1]));
        }
        return values;
    }

    private String fill(String key, String template, Map<String, String> values)
    {
        StringBuilder text = new StringBuilder(template.length() + 32);
        int at = 0;
        while (at < template.length()) {
            char c = template.charAt(at);
            if (c == '{' && template.startsWith("{{", at)) {
                text.append('{');
                at += 2;
                continue;
            }
            int end = c == '{' ? template.indexOf('}', at) : -1;
            String name = end > at ? template.substring(at + 1, end) : "";
            if (c != '{' || !Bundle.PLACEHOLDER.matcher("{" + name + "}").matches()) {
                text.append(c);
                at++;
                continue;
            }
            String value = values.get(name);
            if (value == null) {
                throw new IllegalArgumentException("message '" + key + "' in " + bundle.name() + " needs a value for {" + name + "}");
            }
            text.append(value);
            at = end + 1;
        }
        return text.toString();
    }
}
