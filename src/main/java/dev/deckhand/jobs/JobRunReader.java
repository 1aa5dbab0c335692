package dev.deckhand.jobs;

import dev.deckhand.aws.TargetsReader;
import dev.deckhand.config.ConfigNode;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Reads a job's {@code run}: a script with its params, an SSM command, an HTTP call, or none (the job runs elsewhere). */
final class JobRunReader
{
    private static final Set<String> RUN = Set.of("script", "params", "ssm", "http");
    private static final Set<String> SSM = Set.of("document", "version", "targets", "parameters");
    private static final Set<String> HTTP = Set.of("url", "method", "headers", "body", "expect");
    private static final Set<String> HTTP_METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    private static final Pattern DOCUMENT = Pattern.compile("[a-zA-Z0-9_.:/-]{3,128}");
    private static final Pattern DOCUMENT_VERSION = Pattern.compile("\\$DEFAULT|\\$LATEST|[1-9][0-9]{0,5}");
    private static final Pattern PARAMETER = Pattern.compile("[a-zA-Z0-9_]{1,64}");
    private static final Pattern HEADER = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}");

    private JobRunReader() {}

    static Optional<JobRun> run(ConfigNode run)
    {
        if (!run.isObject()) {
            return Optional.empty();
        }
        run.onlyKeys(RUN);
        List<String> kinds = List.of("script", "ssm", "http").stream().filter(run::has).toList();
        if (kinds.size() != 1) {
            run.problem(kinds.isEmpty() ? "needs one of script, ssm or http (or leave run out for a job that runs elsewhere)"
                    : "give one of script, ssm or http, not " + String.join(" and ", kinds));
            return Optional.empty();
        }
        if (run.has("params") && !run.has("script")) {
            run.optional("params").orElseThrow().problem("only a script takes params");
        }
        return switch (kinds.get(0)) {
            case "script" -> run.optional("script").flatMap(ConfigNode::text)
                    .map(script -> new JobRun.Script(script, run.optional("params").map(JobRunReader::texts).orElse(Map.of())));
            case "ssm" -> run.optional("ssm").flatMap(JobRunReader::ssm);
            default -> run.optional("http").flatMap(JobRunReader::http);
        };
    }

    private static Optional<JobRun> ssm(ConfigNode ssm)
    {
        if (!ssm.isObject()) {
            return Optional.empty();
        }
        ssm.onlyKeys(SSM);
        Optional<String> document = ssm.required("document").flatMap(node -> node.matching(DOCUMENT, "is not an SSM document name"));
        String version = ssm.optional("version").flatMap(node -> node.matching(DOCUMENT_VERSION, "must be $DEFAULT, $LATEST or a version number")).orElse("$DEFAULT");
        var targets = ssm.required("targets").flatMap(TargetsReader::read);
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        ssm.optional("parameters").ifPresent(node -> node.entries((key, value) -> {
            if (!PARAMETER.matcher(key).matches()) {
                value.problem("is not an SSM parameter name (letters, digits and _)");
                return Optional.empty();
            }
            return Optional.of(value.texts());
        }).forEach(parameters::put));
        if (document.isEmpty() || targets.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new JobRun.Ssm(document.get(), version, targets.get(), parameters));
    }

    private static Optional<JobRun> http(ConfigNode http)
    {
        if (!http.isObject()) {
            return Optional.empty();
        }
        http.onlyKeys(HTTP);
        Optional<URI> url = http.required("url").flatMap(JobRunReader::url);
        String method = http.optional("method").flatMap(node -> node.text().map(text -> text.strip().toUpperCase(Locale.ROOT)).filter(text -> {
            if (HTTP_METHODS.contains(text)) {
                return true;
            }
            node.problem("'" + text + "' is not one of " + String.join(", ", HTTP_METHODS.stream().sorted().toList()));
            return false;
        })).orElse("GET");
        Map<String, String> headers = new LinkedHashMap<>();
        http.optional("headers").ifPresent(node -> node.entries((key, value) -> {
            if (!HEADER.matcher(key).matches()) {
                value.problem("is not an HTTP header name");
                return Optional.empty();
            }
            return value.text().filter(text -> {
                if (text.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
                    value.problem("must be one line, without control characters");
                    return false;
                }
                return true;
            });
        }).forEach(headers::put));
        Optional<String> body = http.optional("body").flatMap(ConfigNode::text);
        Set<Integer> expect = http.optional("expect").map(JobRunReader::statuses).orElse(Set.of());
        return url.map(found -> new JobRun.Http(found, method, headers, body, expect));
    }

    private static Optional<URI> url(ConfigNode node)
    {
        return node.text().flatMap(text -> {
            try {
                URI uri = new URI(text.strip());
                if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null && uri.getRawUserInfo() == null) {
                    return Optional.of(uri);
                }
            }
            catch (URISyntaxException e) {
                // said below
            }
            node.problem("'" + text + "' is not an http(s) URL with a host (and no user:password@; put credentials in headers)");
            return Optional.empty();
        });
    }

    private static Set<Integer> statuses(ConfigNode node)
    {
        List<ConfigNode> elements = node.isList() ? node.elements() : List.of(node);
        return elements.stream().flatMap(element -> element.integer().filter(status -> {
            if (status < 100 || status > 599) {
                element.problem("'" + status + "' is not an HTTP status (100–599)");
                return false;
            }
            return true;
        }).stream()).collect(Collectors.toSet());
    }

    private static Map<String, String> texts(ConfigNode node)
    {
        return node.entries(ConfigNode::text);
    }

}
