package dev.deckhand.jobs;

import dev.deckhand.errors.UserError;
import dev.deckhand.interaction.Invocation;
import dev.deckhand.interaction.Outcome;
import dev.deckhand.interaction.Reply;
import dev.deckhand.interaction.SlashCommand;

import java.util.Arrays;
import java.util.List;

import static java.util.Objects.requireNonNull;

/** {@code /jobs} lists the jobs; {@code /jobs <job>} shows one; {@code run}, {@code pause} and {@code resume} as named. */
final class JobsCommand
        implements SlashCommand
{
    private final JobsService service;
    private final JobBoard board;
    private final JobViews views;

    JobsCommand(JobsService service, JobBoard board, JobViews views)
    {
        this.service = requireNonNull(service, "service is null");
        this.board = requireNonNull(board, "board is null");
        this.views = requireNonNull(views, "views is null");
    }

    @Override
    public String command()
    {
        return "/jobs";
    }

    @Override
    public String help()
    {
        return views.text().get("help");
    }

    @Override
    public Reply handle(Invocation invocation)
    {
        List<String> words = Arrays.stream(invocation.text().strip().split("\\s+")).filter(word -> !word.isEmpty()).toList();
        if (words.isEmpty()) {
            return Reply.text(board.list());
        }
        return switch (words.get(0)) {
            case "run" -> Reply.text(service.run(job(words), invocation.conversation())).withOutcome(Outcome.STARTED);
            case "pause" -> Reply.text(service.pause(job(words), invocation.conversation(), String.join(" ", words.subList(Math.min(2, words.size()), words.size()))));
            case "resume" -> Reply.text(service.resume(job(words), invocation.conversation()));
            default -> {
                if (words.size() > 1) {
                    throw new UserError(views.text().get("usage"));
                }
                yield Reply.text(board.detail(words.get(0)));
            }
        };
    }

    private String job(List<String> words)
    {
        if (words.size() < 2) {
            throw new UserError(views.text().get("usage"));
        }
        return words.get(1);
    }
}
