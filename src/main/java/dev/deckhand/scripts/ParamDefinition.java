package dev.deckhand.scripts;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/** A typed script parameter and the rules its value must follow. */
public record ParamDefinition(
        String name,
        ParamType type,
        Optional<Pattern> pattern,
        List<String> allowedValues,
        Optional<String> defaultValue,
        boolean required,
        String description)
{
    public ParamDefinition
    {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        requireNonNull(pattern, "pattern is null");
        allowedValues = List.copyOf(allowedValues);
        requireNonNull(defaultValue, "defaultValue is null");
        requireNonNull(description, "description is null");
    }


    public enum ParamType
    {
        STRING, INT, BOOL
    }
}
