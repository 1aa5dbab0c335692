package dev.deckhand.jobs;

import dev.deckhand.chat.Chat;
import dev.deckhand.chat.Conversation;
import dev.deckhand.errors.UserError;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static java.util.Objects.requireNonNull;

/** Show log: a run's whole output (masked and bounded as it was kept) uploaded to the channel as a file. */
final class JobLogs
{
    private final JobStore store;
    private final JobsService service;
    private final Chat chat;
    private final JobViews views;

    JobLogs(JobStore store, JobsService service, Chat chat, JobViews views)
    {
        this.store = requireNonNull(store, "store is null");
        this.service = requireNonNull(service, "service is null");
        this.chat = requireNonNull(chat, "chat is null");
        this.views = requireNonNull(views, "views is null");
    }

    String show(String runId, Conversation conversation)
    {
        JobRunRecord run = store.run(runId).orElseThrow(() -> new UserError(views.text().get("log.unknown")));
        service.job(run.job());
        String output = store.output(run.id()).filter(text -> !text.isBlank()).orElse(run.tail());
        if (output.isBlank()) {
            return views.text().get("log.empty", "job", run.job());
        }
        String filename = run.job() + "-" + JobsService.shortId(run.id()) + ".log";
        try {
            Path file = Files.createTempFile("deckhand-job-", ".log");
            try {
                Files.writeString(file, output, StandardCharsets.UTF_8);
                chat.upload(conversation.channelId(), filename, views.text().get("log.title", "job", run.job(), "when",
                        JobViews.when(run.started(), service.job(run.job()).zone())), file);
            }
            finally {
                Files.deleteIfExists(file);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return views.text().get("log.uploaded", "job", run.job());
    }
}
