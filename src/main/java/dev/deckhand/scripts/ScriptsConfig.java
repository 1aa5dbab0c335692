package dev.deckhand.scripts;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** Where scripts live and which of them can be run. */
public record ScriptsConfig(Path dir, List<ScriptDefinition> list)
{
    public ScriptsConfig
    {
        requireNonNull(dir, "dir is null");
        list = List.copyOf(list);
    }

    public Optional<ScriptDefinition> find(String name)
    {
        return list.stream().filter(script -> script.name().equals(name)).findFirst();
    }
}
