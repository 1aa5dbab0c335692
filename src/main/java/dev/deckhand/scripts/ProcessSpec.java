package dev.deckhand.scripts;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

// The environment is the child's whole environment: nothing is inherited from Deckhand's own.
record ProcessSpec(List<String> argv, Path workingDirectory, Map<String, String> environment, Duration timeout)
{
    ProcessSpec
    {
        argv = List.copyOf(requireNonNull(argv, "argv is null"));
        requireNonNull(workingDirectory, "workingDirectory is null");
        environment = Map.copyOf(requireNonNull(environment, "environment is null"));
        requireNonNull(timeout, "timeout is null");
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("argv is empty");
        }
        if (argv.get(0).isBlank()) {
            throw new IllegalArgumentException("program is blank");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
    }

    String program()
    {
        return argv.get(0);
    }
}
