package dev.deckhand.scripts;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

// The whole environment of a script's process: a minimal base (nothing of Deckhand's own leaks
// in), then what the caller adds about the run, then the script's own env, which has the last word.
final class ScriptEnvironment
{
    static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private ScriptEnvironment() {}

    static Map<String, String> of(ZoneId timezone, Map<String, String> run, ScriptDefinition script)
    {
        Map<String, String> environment = new HashMap<>();
        environment.put("PATH", PATH);
        environment.put("HOME", System.getProperty("user.home"));
        environment.put("LANG", "C.UTF-8");
        environment.put("TZ", timezone.getId());
        environment.putAll(run);
        environment.putAll(script.env());
        return environment;
    }
}
