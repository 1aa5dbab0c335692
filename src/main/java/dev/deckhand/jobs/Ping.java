package dev.deckhand.jobs;

import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;

import static java.util.Objects.requireNonNull;

/**
 * A report from a job run elsewhere, in the shapes healthchecks.io made familiar: {@code /ping/<job>}
 * (success), {@code /start}, {@code /fail}, {@code /log}, {@code /<exit code>}. {@code body} is at most
 * {@link #BODY_LIMIT} bytes, already cut; {@code rid} pairs a start with its end.
 */
public record Ping(String job, Kind kind, OptionalInt exitCode, Optional<String> rid, byte[] body, String method, Optional<String> userAgent,
        Optional<String> remote)
{
    public static final int BODY_LIMIT = 10_000;

    public Ping
    {
        requireNonNull(job, "job is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(exitCode, "exitCode is null");
        requireNonNull(rid, "rid is null");
        body = body.clone();
        requireNonNull(method, "method is null");
        requireNonNull(userAgent, "userAgent is null");
        requireNonNull(remote, "remote is null");
        if (body.length > BODY_LIMIT) {
            throw new IllegalArgumentException("a ping body is at most " + BODY_LIMIT + " bytes");
        }
    }

    @Override
    public byte[] body()
    {
        return body.clone();
    }

    /** What the ping says; {@link #IGNORED} is a ping recorded but not believed (Slack's link unfurler). */
    public enum Kind
    {
        SUCCESS("success"), START("start"), FAIL("fail"), LOG("log"), IGNORED("ignored");

        private final String tag;

        Kind(String tag)
        {
            this.tag = tag;
        }

        public String tag()
        {
            return tag;
        }

        static Kind of(String tag)
        {
            return Arrays.stream(values()).filter(kind -> kind.tag.equals(tag)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown ping kind " + tag));
        }
    }
}
