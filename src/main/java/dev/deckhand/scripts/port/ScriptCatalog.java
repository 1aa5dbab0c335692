package dev.deckhand.scripts.port;

import java.util.List;
import java.util.Map;

/**
 * What another capability may know of the {@code scripts} section: whether a script exists and
 * whether given values fit its parameters. The scripts section's value is one, so a section that
 * names scripts checks them with {@code config.section(ScriptCatalog.class)}.
 */
public interface ScriptCatalog
{
    /** The problems of running script {@code name} with {@code values}, each one sentence; empty when it would run. */
    List<String> problems(String name, Map<String, String> values);
}
