package dev.deckhand.text;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/** Every bundle speaks every language: the same keys, the same placeholders, and every key the code asks for exists. */
class BundlesTest
{
    private static final Path SOURCES = Path.of("src/main/java/dev/deckhand");
    private static final Path RESOURCES = Path.of("src/main/resources/dev/deckhand");
    /** Text.get("key" in its usual spellings: text().get("…"), text.get("…"), BUNDLE.in(…).get("…"). */
    private static final Pattern KEY_USE = Pattern.compile("(?:\\btext\\(\\)|\\btext|\\.in\\([^()]*(?:\\([^()]*\\))?[^()]*\\))\\.get\\(\"([a-z][A-Za-z0-9_.-]*)\"");

    @Test
    void everyBundleHasEveryKeyInEveryLanguage()
            throws IOException
    {
        List<Path> bundles = bundles();
        assertThat(bundles).as("bundles under %s", RESOURCES).hasSizeGreaterThanOrEqualTo(8);
        for (Path english : bundles) {
            Map<String, String> en = read(english);
            for (Language language : Language.values()) {
                Map<String, String> other = read(file(english, language));
                assertThat(other.keySet()).as("keys of %s in %s", english.getParent(), language).containsExactlyInAnyOrderElementsOf(en.keySet());
            }
        }
    }

    @Test
    void placeholdersAreTheSameInEveryLanguage()
            throws IOException
    {
        for (Path english : bundles()) {
            Map<String, String> en = read(english);
            for (Language language : Language.values()) {
                Map<String, String> other = read(file(english, language));
                en.forEach((key, text) -> assertThat(Bundle.placeholders(other.getOrDefault(key, "")))
                        .as("placeholders of %s in %s (%s)", key, english.getParent(), language)
                        .isEqualTo(Bundle.placeholders(text)));
            }
        }
    }

    @Test
    void koreanIsWrittenInKorean()
            throws IOException
    {
        for (Path english : bundles()) {
            Map<String, String> ko = read(file(english, Language.KO));
            Map<String, String> en = read(english);
            ko.forEach((key, text) -> {
                boolean sameAsEnglish = text.equals(en.get(key));
                boolean hasHangul = text.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HANGUL);
                // Some texts are only placeholders, symbols or code (":warning: {hint}", "[{channel}] "); they may be the same.
                boolean neutral = !text.replaceAll("\\{[A-Za-z0-9]+}|:[a-z_]+:|Deckhand|Slack", "").matches(".*[A-Za-z]{4,}.*");
                assertThat(hasHangul || sameAsEnglish && neutral).as("%s in %s/messages_ko.properties: %s", key, english.getParent(), text).isTrue();
            });
        }
    }

    @Test
    void everyKeyTheCodeAsksForExistsInItsPackagesBundle()
            throws IOException
    {
        List<String> missing = new ArrayList<>();
        int uses = 0;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path source : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                Path bundle = RESOURCES.resolve(SOURCES.relativize(source.getParent())).resolve("messages.properties");
                Matcher matcher = KEY_USE.matcher(Files.readString(source, UTF_8));
                while (matcher.find()) {
                    if (matcher.group(1).endsWith(".")) {
                        // A prefix the code completes (status.outcome. + a status): the test below checks those.
                        continue;
                    }
                    uses++;
                    if (!Files.exists(bundle) || !read(bundle).containsKey(matcher.group(1))) {
                        missing.add(source.getFileName() + ": " + matcher.group(1));
                    }
                }
            }
        }
        assertThat(uses).as("keys found in the code").isGreaterThan(20);
        assertThat(missing).as("keys asked for but not in the package's bundle").isEmpty();
    }

    @Test
    void bundlesThatShowDurationsHaveTheirWordsAndEveryStatusHasAName()
            throws IOException
    {
        for (String bundle : List.of("scripts", "deploy")) {
            assertThat(read(RESOURCES.resolve(bundle).resolve("messages.properties"))).as(bundle)
                    .containsKeys("duration.tenths", "duration.seconds", "duration.minutes");
        }
        Map<String, String> deploy = read(RESOURCES.resolve("deploy").resolve("messages.properties"));
        for (String status : List.of("proposed", "awaiting-approval", "running", "succeeded", "partial", "failed", "stopped", "cancelled", "rejected", "expired")) {
            assertThat(deploy).containsKey("status.outcome." + status);
        }
        for (String host : List.of("pending", "in-progress", "succeeded", "failed", "timed-out", "undeliverable", "cancelled")) {
            assertThat(deploy).containsKey("host." + host);
        }
    }

    @Test
    void textFillsNamedPlaceholdersAndRefusesMissingOnes()
    {
        Text text = Bundle.of(BundlesTest.class).in(Language.EN);

        assertThat(text.get("greeting", "name", "Kim", "count", 3)).isEqualTo("Hello, Kim! It's {literal} and 3 runs.");
        assertThat(Bundle.of(BundlesTest.class).in(Language.KO).get("greeting", "name", "Kim", "count", 3)).isEqualTo("안녕하세요, Kim! {literal} 3번 실행했어요.");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> text.get("greeting", "name", "Kim"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("{count}");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> text.get("nope"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");
        assertThat(Text.excerpt("a`b" + "x".repeat(100), 10)).isEqualTo("a'bxxxxxx…");
    }

    private static List<Path> bundles()
            throws IOException
    {
        try (Stream<Path> files = Files.walk(RESOURCES)) {
            return files.filter(path -> path.getFileName().toString().equals("messages.properties")).sorted().toList();
        }
    }

    private static Path file(Path english, Language language)
    {
        return language == Language.EN ? english : english.resolveSibling("messages_" + language.code() + ".properties");
    }

    private static Map<String, String> read(Path file)
            throws IOException
    {
        assertThat(file).as("bundle file").exists();
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(file, UTF_8)) {
            properties.load(reader);
        }
        Map<String, String> entries = new TreeMap<>();
        properties.stringPropertyNames().forEach(key -> entries.put(key, properties.getProperty(key)));
        return entries;
    }
}
