package dev.deckhand.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Reads environment variables the way {@link ConfigNode} reads the file: each bad value is a
 * problem whose path is the variable's name ({@code DECKHAND_PORT: 'abc' is not a port (1–65535)}),
 * every one is reported, and the reader answers with the default so reading can go on.
 */
public final class EnvironmentReader
{
    private static final int MAX_LENGTH = 4096;
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final Environment environment;
    private final ConfigProblems problems;

    public EnvironmentReader(Environment environment, ConfigProblems problems)
    {
        this.environment = requireNonNull(environment, "environment is null");
        this.problems = requireNonNull(problems, "problems is null");
    }

    public Environment environment()
    {
        return environment;
    }

    public void problem(String name, String message)
    {
        problems.add(name, message);
    }

    /** The value, if set; one that is far too long or holds control characters is a problem. */
    public Optional<String> text(String name)
    {
        Optional<String> value = environment.get(name).map(String::strip);
        if (value.isPresent() && (value.get().length() > MAX_LENGTH || value.get().chars().anyMatch(Character::isISOControl))) {
            problem(name, "is not a usable value (control characters, or longer than " + MAX_LENGTH + ")");
            return Optional.empty();
        }
        return value;
    }

    public Optional<Secret> secret(String name)
    {
        return text(name).map(Secret::new);
    }

    /** A TCP port; 0 asks the system for any free one (tests). */
    public int port(String name, int defaultPort)
    {
        Optional<String> value = text(name);
        if (value.isEmpty()) {
            return defaultPort;
        }
        try {
            int port = Integer.parseInt(value.get());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        }
        catch (NumberFormatException e) {
            // reported below
        }
        problem(name, "'" + value.get() + "' is not a port (1–65535)");
        return defaultPort;
    }

    /** An address to listen on: an IPv4 or IPv6 literal, or {@code localhost}; never looked up in DNS. */
    public String address(String name, String defaultAddress)
    {
        Optional<String> value = text(name);
        if (value.isEmpty()) {
            return defaultAddress;
        }
        String address = value.get();
        if (address.equals("localhost") || IPV4.matcher(address).matches() || IPV6.matcher(address).matches()) {
            return address;
        }
        problem(name, "'" + address + "' is not an address to listen on; use 0.0.0.0 (every interface), 127.0.0.1 (this host only) or the IP of one interface");
        return defaultAddress;
    }

    /** A whole number of milliseconds from 0 to {@code max}. */
    public Duration millis(String name, long defaultMillis, long max)
    {
        Optional<String> value = text(name);
        if (value.isEmpty()) {
            return Duration.ofMillis(defaultMillis);
        }
        try {
            long millis = Long.parseLong(value.get());
            if (millis >= 0 && millis <= max) {
                return Duration.ofMillis(millis);
            }
        }
        catch (NumberFormatException e) {
            // reported below
        }
        problem(name, "'" + value.get() + "' is not a number of milliseconds (0–" + max + ")");
        return Duration.ofMillis(defaultMillis);
    }

    /** An {@code http} or {@code https} URL with a host. */
    public String url(String name, String defaultUrl)
    {
        Optional<String> value = text(name);
        if (value.isEmpty()) {
            return defaultUrl;
        }
        try {
            URI uri = new URI(value.get());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return value.get();
            }
        }
        catch (URISyntaxException e) {
            // reported below
        }
        problem(name, "'" + value.get() + "' is not an http(s) URL, like https://slack.com/api/");
        return defaultUrl;
    }

    /** One of {@code choices}, compared without case; answered in upper case. */
    public Optional<String> choice(String name, Set<String> choices)
    {
        Optional<String> value = text(name).map(text -> text.toUpperCase(Locale.ROOT));
        if (value.isPresent() && !choices.contains(value.get())) {
            problem(name, "'" + environment.get(name).orElse("") + "' is not one of " + String.join(", ", choices.stream().sorted().toList()));
            return Optional.empty();
        }
        return value;
    }

    /** A file path. */
    public Path path(String name, String defaultPath)
    {
        String value = text(name).orElse(defaultPath);
        try {
            return Path.of(value);
        }
        catch (InvalidPathException e) {
            problem(name, "'" + value + "' is not a file path");
            return Path.of(defaultPath);
        }
    }
}
