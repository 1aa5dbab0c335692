package dev.deckhand.deploy;

import dev.deckhand.chat.Conversation;
import dev.deckhand.deploy.ServiceDefinition.EnvironmentDefinition;
import dev.deckhand.errors.UserError;
import dev.deckhand.interaction.Invocation;
import dev.deckhand.interaction.Outcome;
import dev.deckhand.interaction.Reply;
import dev.deckhand.interaction.SlashCommand;
import dev.deckhand.text.Text;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * {@code /deploy} lists services; {@code /deploy <service> <env> [tag]} plans a deploy (Confirm comes
 * after); {@code status}, {@code history}, {@code rollback}, {@code lock} and {@code unlock} as named.
 */
final class DeployCommand
        implements SlashCommand
{
    private final DeployService deploys;
    private final DeployQueries queries;
    private final DeployLocks locks;
    private final DeployViews views;

    DeployCommand(DeployService deploys, DeployQueries queries, DeployLocks locks, DeployViews views)
    {
        this.deploys = requireNonNull(deploys, "deploys is null");
        this.queries = requireNonNull(queries, "queries is null");
        this.locks = requireNonNull(locks, "locks is null");
        this.views = requireNonNull(views, "views is null");
    }

    @Override
    public String command()
    {
        return "/deploy";
    }

    @Override
    public String help()
    {
        return views.text().get("help");
    }

    @Override
    public Reply handle(Invocation invocation)
    {
        List<String> words = Arrays.stream(invocation.text().split("\\s+")).filter(word -> !word.isEmpty()).toList();
        Conversation conversation = invocation.conversation();
        if (words.isEmpty()) {
            return Reply.text(queries.status(deploys.services().services()));
        }
        return switch (words.get(0)) {
            case "status" -> Reply.text(queries.status(words.size() > 1 ? List.of(deploys.service(words.get(1))) : deploys.services().services()));
            case "history" -> Reply.text(queries.history(service(words).service(), service(words).environment()));
            case "rollback" -> plan(conversation, service(words), Optional.empty(), DeployKind.ROLLBACK);
            case "lock" -> Reply.text(locks.lock(conversation, service(words).service(), service(words).environment(), reason(words)));
            case "unlock" -> Reply.text(locks.unlock(conversation, service(words).service(), service(words).environment()));
            default -> plan(conversation, target(words, 0), words.size() > 2 ? Optional.of(tag(words.get(2))) : Optional.empty(), DeployKind.DEPLOY);
        };
    }

    private Reply plan(Conversation conversation, Target target, Optional<String> tag, DeployKind kind)
    {
        return Reply.text(deploys.requestPlan(conversation, target.service(), target.environment(), tag, kind)).withOutcome(Outcome.STARTED);
    }

    /** {@code <verb> <service> <env> …}. */
    private Target service(List<String> words)
    {
        return target(words, 1);
    }

    private Target target(List<String> words, int at)
    {
        if (words.size() < at + 2 || words.size() > at + 3 && !words.get(0).equals("lock")) {
            throw new UserError(views.text().get("usage"));
        }
        ServiceDefinition service = deploys.service(words.get(at));
        EnvironmentDefinition environment = deploys.environment(service, words.get(at + 1));
        return new Target(service, environment);
    }

    private String tag(String word)
    {
        // ECR's own rule for tags; anything else cannot name an image there.
        if (!word.matches("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}")) {
            throw new UserError(views.text().get("usage"));
        }
        return word;
    }

    private String reason(List<String> words)
    {
        Text text = views.text();
        String reason = String.join(" ", words.subList(Math.min(3, words.size()), words.size())).replaceAll("\\p{Cntrl}", " ").strip();
        return reason.isEmpty() ? text.get("lock.reason.none") : Text.excerpt(reason, 300);
    }

    private record Target(ServiceDefinition service, EnvironmentDefinition environment) {}
}
