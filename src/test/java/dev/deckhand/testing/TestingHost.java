package dev.deckhand.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * A fake EC2 host for the SSM deploy script: a directory whose {@code bin} holds fake {@code docker},
 * {@code aws}, {@code curl}, {@code sleep} and {@code date} (one shell script, {@code fake-host-tool.sh},
 * under five names) that record their arguments and keep containers and images as files. Time is a
 * counter only the fake {@code sleep} moves, so a health check that polls for a minute takes
 * milliseconds. Nothing here reaches a Docker engine, AWS or the network: {@code PATH} is the fakes, then
 * {@code /usr/bin:/bin}.
 */
public final class TestingHost
{
    public static final String REGISTRY = "123456789012.dkr.ecr.ap-northeast-2.amazonaws.com";
    public static final String REGION = "ap-northeast-2";
    public static final String FAKE_PASSWORD = "fake-ecr-password";

    private static final String[] TOOLS = {"docker", "aws", "curl", "sleep", "date"};
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Path root;
    private final Path state;

    private TestingHost(Path root)
    {
        this.root = requireNonNull(root, "root is null");
        this.state = root.resolve("state");
    }

    /** A host with no containers and no images, in a fresh {@code directory}. */
    public static TestingHost create(Path directory)
    {
        TestingHost host = new TestingHost(directory);
        try {
            Path bin = Files.createDirectories(directory.resolve("bin"));
            Path fake = bin.resolve("fake");
            try (InputStream source = TestingHost.class.getResourceAsStream("fake-host-tool.sh")) {
                Files.copy(requireNonNull(source, "fake-host-tool.sh is not on the classpath"), fake);
            }
            Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
            for (String tool : TOOLS) {
                Files.createSymbolicLink(bin.resolve(tool), Path.of("fake"));
            }
            Files.createDirectories(host.state.resolve("containers"));
            Files.createDirectories(host.state.resolve("images"));
            Files.createDirectories(directory.resolve("tmp"));
            Files.createDirectories(directory.resolve("home"));
            Files.writeString(host.state.resolve("clock"), "1000\n");
            Files.writeString(host.state.resolve("scenario"), "");
            Files.writeString(host.state.resolve("calls"), "");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return host;
    }

    /** {@code sha256:} and 64 times {@code hex}, e.g. {@code digest('a')}. */
    public static String digest(char hex)
    {
        return "sha256:" + String.valueOf(hex).repeat(64);
    }

    /** The ECR reference of {@code repository} at {@code digest}. */
    public static String image(String repository, String digest)
    {
        return REGISTRY + "/" + repository + "@" + digest;
    }

    /** The id the fake docker gives the image it pulls for {@code digest}. */
    public static String imageId(String digest)
    {
        return "img-" + digest.substring("sha256:".length(), "sha256:".length() + 12);
    }

    public Path root()
    {
        return root;
    }

    /** A local image for {@code reference} (repository@digest), as if pulled before. */
    public TestingHost hasImage(String reference)
    {
        String digest = reference.substring(reference.indexOf('@') + 1);
        Path image = state.resolve("images").resolve(imageId(digest));
        write(image.resolve("repo_digests"), reference + "\n");
        return this;
    }

    /** A container {@code name} from the local image of {@code reference}, labelled with its digest. */
    public TestingHost hasContainer(String name, String reference, boolean running)
    {
        hasImage(reference);
        String digest = reference.substring(reference.indexOf('@') + 1);
        Path container = state.resolve("containers").resolve(name);
        write(container.resolve("image"), imageId(digest) + "\n");
        write(container.resolve("running"), running + "\n");
        write(container.resolve("digest"), digest + "\n");
        write(container.resolve("restarts"), "0\n");
        write(container.resolve("id"), "ctr-" + name + "-preset\n");
        return this;
    }

    /** Lines of {@code state/scenario}: {@code fail aws}, {@code fail login}, {@code fail pull}, {@code fail create},
     * {@code fail start-new}, {@code crashloop}, {@code health failures N}, {@code health never}, {@code health refused}. */
    public TestingHost scenario(String... lines)
    {
        write(state.resolve("scenario"), String.join("\n", lines) + "\n");
        return this;
    }

    /** Runs {@code script} with {@code sh} and exactly {@code environment} plus {@code PATH} and {@code TMPDIR}. */
    public Run run(Path script, Map<String, String> environment)
    {
        return run(List.of("sh"), script, environment);
    }

    /** Runs {@code script} with {@code shell} (e.g. {@code bash --posix}, the sh of Amazon Linux) and exactly {@code environment} plus {@code PATH} and {@code TMPDIR}. */
    public Run run(List<String> shell, Path script, Map<String, String> environment)
    {
        List<String> command = new ArrayList<>(shell);
        command.add(script.toAbsolutePath().toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(root.toFile())
                .redirectOutput(root.resolve("stdout").toFile())
                .redirectError(root.resolve("stderr").toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.environment().put("PATH", root.resolve("bin") + ":/usr/bin:/bin");
        builder.environment().put("TMPDIR", root.resolve("tmp").toString());
        try {
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the script ran longer than " + TIMEOUT.toSeconds() + " s");
            }
            return new Run(process.exitValue(), read(root.resolve("stdout")), read(root.resolve("stderr")));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Every call the fakes saw, in order: the tool's name, then its arguments. */
    public List<List<String>> calls()
    {
        String recorded = read(state.resolve("calls"));
        List<List<String>> calls = new ArrayList<>();
        for (String call : recorded.split("\u001e")) {
            if (!call.isEmpty()) {
                calls.add(List.of(call.split("\u001f", -1)));
            }
        }
        return calls;
    }

    /** The calls of {@code tool}, without the tool's name. */
    public List<List<String>> calls(String tool)
    {
        return calls().stream()
                .filter(call -> call.get(0).equals(tool))
                .map(call -> call.subList(1, call.size()))
                .toList();
    }

    /** The docker calls whose first two arguments are {@code object} and {@code verb}, e.g. {@code container stop}. */
    public List<List<String>> docker(String object, String verb)
    {
        return calls("docker").stream()
                .filter(call -> call.size() >= 2 && call.get(0).equals(object) && call.get(1).equals(verb))
                .toList();
    }

    /** Calls the fakes do not know (the script changed and the fake did not): empty when all is well. */
    public String unsupportedCalls()
    {
        Path unsupported = state.resolve("unsupported");
        return Files.exists(unsupported) ? read(unsupported) : "";
    }

    public SortedSet<String> containerNames()
    {
        try (Stream<Path> containers = Files.list(state.resolve("containers"))) {
            return containers.map(path -> path.getFileName().toString()).collect(TreeSet::new, TreeSet::add, TreeSet::addAll);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Optional<Container> container(String name)
    {
        Path container = state.resolve("containers").resolve(name);
        if (!Files.isDirectory(container)) {
            return Optional.empty();
        }
        return Optional.of(new Container(
                name,
                line(container.resolve("id")),
                line(container.resolve("image")),
                Boolean.parseBoolean(line(container.resolve("running"))),
                line(container.resolve("digest")),
                Files.exists(container.resolve("created"))));
    }

    public boolean hasImageId(String imageId)
    {
        return Files.isDirectory(state.resolve("images").resolve(imageId));
    }

    /** What the fake docker login read on stdin, and the HOME and AWS_ECR_CACHE_DIR it ran with. */
    public Map<String, String> login()
    {
        Map<String, String> login = new HashMap<>();
        Path environment = state.resolve("login-env");
        if (Files.exists(environment)) {
            for (String line : read(environment).split("\n")) {
                String[] pair = line.split("=", 2);
                login.put(pair[0], pair[1]);
            }
            login.put("password", read(state.resolve("login-password")));
        }
        return login;
    }

    private static String line(Path file)
    {
        return read(file).strip();
    }

    private static String read(Path file)
    {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text)
    {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One run of the script: its exit code, what it printed, and what it wrote to stderr (nothing, normally). */
    public record Run(int exitCode, String stdout, String stderr)
    {
        public List<String> lines()
        {
            return Arrays.asList(stdout.split("\n", -1));
        }

        public String firstLine()
        {
            return lines().get(0);
        }
    }

    /** A container as the fake docker keeps it; {@code created} when this run's {@code docker create} made it. */
    public record Container(String name, String id, String imageId, boolean running, String digest, boolean created) {}
}
