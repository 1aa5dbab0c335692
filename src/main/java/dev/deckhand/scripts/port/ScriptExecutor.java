package dev.deckhand.scripts.port;

/**
 * Runs a script of the scripts section for another capability, as /run would: its argv from the
 * script's command and the values (defaults filled in, checked against the params), in scripts.dir,
 * with the same minimal environment plus the invocation's {@code environment}, output masked with
 * the script's secrets, and the process tree killed at the timeout. Blocks until the process ends.
 */
public interface ScriptExecutor
{
    /**
     * Throws {@link IllegalArgumentException} (message: one sentence for people) when the script
     * does not exist or the values do not fit; then nothing is started. The interrupt of the calling
     * thread kills the process tree and returns an outcome with {@code interrupted()} true (the
     * thread's interrupt status is set again); a thread interrupted before the call starts nothing.
     */
    ScriptOutcome run(ScriptInvocation invocation, OutputListener listener);
}
