package dev.deckhand.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** deploy/ssm/deckhand-deploy.yaml: a self-contained Command document whose patterns refuse what the shell must never see. */
class SsmDocumentTest
{
    static final Path DOCUMENT = Path.of("deploy/ssm/deckhand-deploy.yaml");

    private static final String HEX64 = "0123456789abcdef".repeat(4);
    private static final String ECR = "123456789012.dkr.ecr.ap-northeast-2.amazonaws.com";

    /** What Deckhand sends, and the default of each optional parameter. */
    private static final Map<String, String> OPTIONAL = Map.ofEntries(
            entry("ports", ""),
            entry("envFile", ""),
            entry("env", ""),
            entry("volumes", ""),
            entry("args", ""),
            entry("healthcheckUrl", ""),
            entry("healthcheckTimeout", "5"),
            entry("healthcheckInterval", "2"),
            entry("healthcheckWithin", "60"));
    private static final Set<String> REQUIRED = Set.of("image", "containerName", "region", "deployId");

    private static JsonNode document;

    @BeforeAll
    static void readDocument()
            throws IOException
    {
        document = new ObjectMapper(new YAMLFactory()).readTree(DOCUMENT.toFile());
    }

    @Test
    void isACommandDocumentAtSchema22WithOneLinuxShellStep()
    {
        assertThat(document.get("schemaVersion").isTextual()).as("schemaVersion is the string \"2.2\"").isTrue();
        assertThat(document.get("schemaVersion").asText()).isEqualTo("2.2");
        assertThat(document.get("description").asText()).contains("by digest");
        assertThat(document.get("mainSteps")).hasSize(1);
        JsonNode step = document.get("mainSteps").get(0);
        assertThat(step.get("action").asText()).isEqualTo("aws:runShellScript");
        assertThat(step.get("name").asText()).matches("[A-Za-z0-9_.-]+");
        assertThat(step.at("/precondition/StringEquals").toString()).isEqualTo("[\"platformType\",\"Linux\"]");
        assertThat(step.at("/inputs/timeoutSeconds").isInt()).isTrue();
        // room for the pull, the longest health deadline (600 s) and a rollback
        assertThat(step.at("/inputs/timeoutSeconds").asInt()).isBetween(600 + 120, 3600);
        assertThat(step.at("/inputs/runCommand")).hasSize(1);
    }

    @Test
    void runsTheScriptVerbatim()
            throws IOException
    {
        String embedded = document.at("/mainSteps/0/inputs/runCommand/0").asText();
        assertThat(embedded)
                .as("the runCommand block must be deploy/ssm/deckhand-deploy.sh verbatim; rebuild it as the document's header says")
                .isEqualTo(Files.readString(DeployScriptTest.SCRIPT, StandardCharsets.UTF_8));
    }

    @Test
    void fitsTheDocumentSizeLimitAndHasNoParameterReferences()
            throws IOException
    {
        byte[] content = Files.readAllBytes(DOCUMENT);
        assertThat(content.length).isLessThan(64 * 1024);
        assertThat(new String(content, StandardCharsets.UTF_8))
                .as("two opening braces are a parameter reference to SSM: the script must only read SSM_* variables")
                .doesNotContain("{{");
    }

    @Test
    void declaresEveryParameterDeckhandSendsAsAnEnvironmentVariableWithAPattern()
    {
        Set<String> names = new TreeSet<>();
        document.get("parameters").fieldNames().forEachRemaining(names::add);
        Set<String> expected = new TreeSet<>(REQUIRED);
        expected.addAll(OPTIONAL.keySet());
        assertThat(names).isEqualTo(expected);

        document.get("parameters").fields().forEachRemaining(parameter -> {
            String name = parameter.getKey();
            JsonNode definition = parameter.getValue();
            assertThat(definition.get("type").asText()).as(name).isEqualTo("String");
            assertThat(definition.get("description").asText()).as(name).isNotBlank();
            assertThat(definition.get("interpolationType").asText()).as(name).isEqualTo("ENV_VAR");
            assertThat(definition.get("allowedPattern").asText()).as(name).isNotBlank();
            assertThat(definition.get("maxChars").asInt()).as(name).isPositive();
            if (REQUIRED.contains(name)) {
                assertThat(definition.has("default")).as(name + " is required: no default").isFalse();
            }
            else {
                assertThat(definition.get("default").isTextual()).as(name + " default is a string").isTrue();
                assertThat(definition.get("default").asText()).as(name).isEqualTo(OPTIONAL.get(name));
                assertThat(accepts(name, OPTIONAL.get(name))).as(name + " accepts its default").isTrue();
            }
        });
    }

    @Test
    void theScriptReadsExactlyTheDocumentsParameters()
            throws IOException
    {
        Set<String> read = new TreeSet<>();
        Matcher variable = Pattern.compile("\\bSSM_([A-Za-z]+)").matcher(Files.readString(DeployScriptTest.SCRIPT));
        while (variable.find()) {
            read.add(variable.group(1));
        }
        Set<String> declared = new TreeSet<>();
        document.get("parameters").fieldNames().forEachRemaining(declared::add);
        assertThat(read).isEqualTo(declared);
    }

    @Test
    void patternsMeanTheSameInRe2AndJava()
    {
        document.get("parameters").fields().forEachRemaining(parameter -> {
            String name = parameter.getKey();
            String pattern = parameter.getValue().get("allowedPattern").asText();
            assertThat(pattern).as(name).startsWith("^").endsWith("$");
            assertThat(pattern.substring(1, pattern.length() - 1)).as(name + ": ^ and $ only at the ends").doesNotContain("$");
            assertThat(pattern).as(name + ": no lookaround, named or atomic groups (RE2 has none)").doesNotContain("(?");
            assertThat(pattern).as(name + ": no possessive quantifiers (RE2 has none)").doesNotContain("*+", "++", "?+", "}+");
            assertThat(pattern).as(name + ": no back-references (RE2 has none)").doesNotContainPattern("\\\\[1-9]");
            assertThat(pattern).as(name + ": no \\Z, \\h, \\R (RE2 lacks them or means otherwise)").doesNotContain("\\Z", "\\h", "\\R", "\\p");
            assertThat(pattern).as(name + ": no class intersection or nested class (Java only)").doesNotContain("&&", "[[");
            assertThat(nestedRepeatProduct(pattern)).as(name + ": RE2 refuses nested counted repeats beyond 1000").isLessThanOrEqualTo(1000);
            Pattern.compile(pattern);
        });
    }

    static Stream<Arguments> values()
    {
        String image = ECR + "/web@sha256:" + HEX64;
        return Stream.of(
                arguments("image",
                        List.of(image, ECR + "/team/web-api@sha256:" + HEX64, "210987654321.dkr.ecr.us-east-1.amazonaws.com/w_1.x@sha256:" + HEX64),
                        List.of(ECR + "/web:latest", ECR + "/web:latest@sha256:" + HEX64, ECR + "/web@sha256:" + HEX64.substring(1),
                                ECR + "/web@sha256:" + HEX64 + "0", ECR + "/web@sha256:" + HEX64.toUpperCase(),
                                "docker.io/library/web@sha256:" + HEX64, "ghcr.io/acme/web@sha256:" + HEX64,
                                "12345678901.dkr.ecr.ap-northeast-2.amazonaws.com/web@sha256:" + HEX64,
                                ECR + ".evil.example/web@sha256:" + HEX64, "evil.example/" + image,
                                image + "; rm -rf /", image + "$(reboot)", image + "`reboot`", image + "\n", "$(reboot)", "")),
                arguments("containerName",
                        List.of("web", "web-api_2.blue", "W", "a".repeat(128)),
                        List.of("", "-web", ".web", "web; rm -rf /", "web$(reboot)", "web`reboot`", "web\n", "web\nx", "web name", "web/x", "a".repeat(129))),
                arguments("ports",
                        List.of("", "8080:80", "8080:80,8443:443"),
                        List.of("8080", "8080:80,", ",8080:80", "8080:80;reboot", "8080:80\n", "127.0.0.1:8080:80", "8080:80/udp", "0x50:80",
                                "$(reboot)", "; rm -rf /", "`reboot`")),
                arguments("envFile",
                        List.of("", "/etc/deckhand/web.env", "/srv/app/.env", "/etc/web_1-2.env"),
                        List.of("/", "etc/web.env", "/etc/../shadow", "/etc/./web.env", "/etc//web.env", "/etc/web.env/", "/etc/web env",
                                "/etc/web.env\n", "/etc/web.env; rm -rf /", "/etc/$(reboot)", "/etc/`reboot`", "-/etc/web.env")),
                arguments("env",
                        List.of("", "A=1", "A=1\nB_2=hello world", "EMPTY=", "URL=https://x.example/?a=b&c=d", "JSON={\"a\":[1]}",
                                "TAB=a\tb", "LITERAL=$(not run) `not run` ; not run", "UNICODE=안녕하세요"),
                        List.of("$(reboot)", "; rm -rf /", "`reboot`", "A=1\n", "\nA=1", "A=1\n\nB=2", "A=1\r", "A=1\r\nB=2", "A=1\n$(reboot)",
                                "1A=x", "A-B=x", "export A=1", "A", "A=\u0000", "A=\u001b[31m", "A=\u007f")),
                arguments("volumes",
                        List.of("", "/srv/data:/data", "/srv/data:/data:ro,/etc/app:/etc/app:ro", "/srv/.cache:/root/.cache"),
                        List.of("data:/data", "/srv/data", "/srv/data:/data:rw", "/srv/data:/data:ro:ro", "/:/host", "/srv/../etc:/etc",
                                "/srv/data:/data,", "/srv/data:/data\n", "/srv/data:/data;reboot", "/srv/$(reboot):/x", "/srv/`reboot`:/x",
                                "/srv/data:/data; rm -rf /")),
                arguments("args",
                        List.of("", "serve", "serve\n--port=8080", "-Dconfig.file=/etc/app.conf", "user@host:5432", "50%", "a+b,c"),
                        List.of("$(reboot)", "; rm -rf /", "`reboot`", "a b", "serve\n", "serve\n\n--x", "serve\r\n--x", "a'b", "a\"b",
                                "a|b", "a&b", "a>b", "*", "$HOME", "a\\b")),
                arguments("healthcheckUrl",
                        List.of("", "http://localhost:8080/up", "http://127.0.0.1:3000/healthz?full=1", "https://localhost/up", "http://localhost",
                                "http://localhost/"),
                        List.of("http://example.com/up", "http://localhost.example.com/up", "http://localhost@example.com/up",
                                "http://localhost:80@example.com/", "http://127.0.0.1.nip.io/up", "http://169.254.169.254/latest/meta-data/",
                                "http://[::1]/up", "file:///etc/passwd", "gopher://localhost/", "localhost:8080/up", "http://localhost/up#x",
                                "http://localhost/up\n", "http://localhost/up; rm -rf /", "http://localhost/$(reboot)", "http://localhost/`reboot`",
                                "http://localhost/{a,b}", "http://localhost/[1-9]")),
                arguments("healthcheckTimeout",
                        List.of("1", "5", "59", "60"),
                        List.of("", "0", "61", "05", "-1", "5s", "5\n", "1e3", "$(reboot)")),
                arguments("healthcheckInterval",
                        List.of("1", "2", "60"),
                        List.of("", "0", "61", "02", "2.5", "2\n", "`reboot`")),
                arguments("healthcheckWithin",
                        List.of("1", "60", "99", "100", "599", "600"),
                        List.of("", "0", "601", "700", "1000", "060", "60\n", "; rm -rf /")),
                arguments("region",
                        List.of("ap-northeast-2", "us-east-1", "eu-central-1", "us-gov-west-1"),
                        List.of("", "AP-NORTHEAST-2", "ap-northeast", "ap-northeast-2\n", "ap-northeast-2; rm -rf /", "$(reboot)", "ap_northeast_2")),
                arguments("deployId",
                        List.of("d-42", "01HZX3", "a".repeat(64)),
                        List.of("", "a".repeat(65), "d_42", "d 42", "d-42;reboot", "d-42\n", "$(reboot)", "`reboot`")));
    }

    @ParameterizedTest
    @MethodSource("values")
    void patternAcceptsGoodValuesAndRefusesInjectedOnes(String parameter, List<String> accepted, List<String> refused)
    {
        for (String value : accepted) {
            assertThat(accepts(parameter, value)).as("%s accepts %s", parameter, printable(value)).isTrue();
        }
        for (String value : refused) {
            assertThat(accepts(parameter, value)).as("%s refuses %s", parameter, printable(value)).isFalse();
        }
    }

    /**
     * How RE2 (SendCommand) checks a value: a search for the pattern, where {@code $} is the end of the
     * text. Java's {@code $} would also match before a final newline, so it becomes {@code \z} here;
     * Java's whole-value match must agree.
     */
    private static boolean accepts(String parameter, String value)
    {
        String pattern = document.at("/parameters/" + parameter + "/allowedPattern").asText();
        int maxChars = document.at("/parameters/" + parameter + "/maxChars").asInt();
        boolean re2 = Pattern.compile(pattern.substring(0, pattern.length() - 1) + "\\z").matcher(value).find();
        assertThat(Pattern.compile(pattern).matcher(value).matches()).as("Java and RE2 agree on %s", printable(value)).isEqualTo(re2);
        return re2 && value.length() <= maxChars;
    }

    /** The largest product of counted repeats ({n,m}) nested in each other; RE2 refuses more than 1000. */
    static int nestedRepeatProduct(String pattern)
    {
        Deque<int[]> groups = new ArrayDeque<>();
        groups.push(new int[] {1});
        int last = 1;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                i++;
                last = 1;
            }
            else if (c == '[') {
                i = pattern.indexOf(']', pattern.charAt(i + 1) == ']' ? i + 2 : i + 1);
                last = 1;
            }
            else if (c == '(') {
                groups.push(new int[] {1});
                last = 1;
            }
            else if (c == ')') {
                last = groups.pop()[0];
            }
            else if (c == '{') {
                int end = pattern.indexOf('}', i);
                String[] bounds = pattern.substring(i + 1, end).split(",", -1);
                int max = Integer.parseInt(bounds[bounds.length - 1].isEmpty() ? bounds[0] : bounds[bounds.length - 1]);
                last = last * max;
                i = end;
            }
            else {
                last = 1;
            }
            groups.peek()[0] = Math.max(groups.peek()[0], last);
        }
        return groups.pop()[0];
    }

    @Test
    void countsNestedRepeatsLikeRe2()
    {
        assertThat(nestedRepeatProduct("^a{0,127}$")).isEqualTo(127);
        assertThat(nestedRepeatProduct("^(a{1,5}(,b{1,5})*)?$")).isEqualTo(5);
        assertThat(nestedRepeatProduct("^(/[a-z]{0,254}){0,32}$")).isEqualTo(254 * 32);
        assertThat(nestedRepeatProduct("^([a-f]{2}){3}[0-9]{4}$")).isEqualTo(6);
    }

    private static String printable(String value)
    {
        return "'" + value.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + "'";
    }
}
