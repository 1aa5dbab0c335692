package dev.deckhand.jobs;

import dev.deckhand.chat.MessageRef;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

import static java.util.Objects.requireNonNull;

/**
 * One run of a job as stored. {@code slot} is the schedule's slot it ran for (scheduled and catch-up
 * runs, and a missed run); {@code code} the exit code, or the HTTP status of an HTTP job;
 * {@code attempt} counts from 1 and grows with retries.
 */
public record JobRunRecord(
        String id,
        String job,
        StartedBy startedBy,
        Optional<String> requester,
        Optional<Instant> slot,
        Optional<String> rid,
        int attempt,
        boolean running,
        Instant started,
        Optional<Instant> ended,
        Optional<JobOutcome> outcome,
        OptionalInt code,
        Optional<Duration> duration,
        String tail,
        Optional<String> channel,
        Optional<MessageRef> message)
{
    public JobRunRecord
    {
        requireNonNull(id, "id is null");
        requireNonNull(job, "job is null");
        requireNonNull(startedBy, "startedBy is null");
        requireNonNull(requester, "requester is null");
        requireNonNull(slot, "slot is null");
        requireNonNull(rid, "rid is null");
        requireNonNull(started, "started is null");
        requireNonNull(ended, "ended is null");
        requireNonNull(outcome, "outcome is null");
        requireNonNull(code, "code is null");
        requireNonNull(duration, "duration is null");
        requireNonNull(tail, "tail is null");
        requireNonNull(channel, "channel is null");
        requireNonNull(message, "message is null");
    }
}
