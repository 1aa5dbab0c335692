package dev.deckhand.scripts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deckhand.access.AccessPolicy;
import dev.deckhand.chat.Chat;
import dev.deckhand.config.ConfigHolder;
import dev.deckhand.errors.AccessDenied;
import dev.deckhand.errors.UserError;
import dev.deckhand.interaction.Background;
import dev.deckhand.interaction.Invocation;
import dev.deckhand.interaction.Outcome;
import dev.deckhand.interaction.Reply;
import dev.deckhand.interaction.SlashCommand;
import dev.deckhand.scripts.ParamBinder.Binding;
import dev.deckhand.text.Text;
import jakarta.inject.Inject;

import java.util.List;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/** {@code /run} lists scripts; {@code /run <script> [name=value …]} checks, authorises and starts one. */
final class RunCommand
        implements SlashCommand
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConfigHolder config;
    private final AccessPolicy access;
    private final RunService runs;
    private final Chat chat;
    private final Background background;
    private final ScriptsMessages messages;
    private final ScriptListMessages lists;

    @Inject
    RunCommand(ConfigHolder config, AccessPolicy access, RunService runs, Chat chat, Background background, ScriptsMessages messages)
    {
        this.config = requireNonNull(config, "config is null");
        this.access = requireNonNull(access, "access is null");
        this.runs = requireNonNull(runs, "runs is null");
        this.chat = requireNonNull(chat, "chat is null");
        this.background = requireNonNull(background, "background is null");
        this.messages = requireNonNull(messages, "messages is null");
        this.lists = new ScriptListMessages(messages);
    }

    @Override
    public String command()
    {
        return "/run";
    }

    @Override
    public String help()
    {
        return messages.text().get("help");
    }

    @Override
    public Reply handle(Invocation invocation)
    {
        Text text = messages.text();
        List<String> words = ArgumentParser.words(invocation.text(), text);
        if (words.isEmpty()) {
            return Reply.of(lists.list(allowedScripts(invocation)));
        }
        ScriptDefinition script = config.current().section(ScriptsConfig.class).find(words.get(0))
                .orElseThrow(() -> new UserError(text.get("run.unknown", "script", ParamBinder.shown(words.get(0)), "names", names(text, allowedScripts(invocation)))));
        access.refusal(invocation.conversation(), script.allow(), script.channels()).ifPresent(reason -> {
            throw new AccessDenied(text.get("run.refused", "script", script.name(), "reason", reason));
        });
        Binding binding = ParamBinder.bind(text, script, words.subList(1, words.size()));
        if (!binding.missing().isEmpty()) {
            return askForMissing(invocation, script, binding);
        }
        runs.start(script, binding.values(), invocation.conversation());
        return Reply.none().withOutcome(Outcome.STARTED);
    }

    private Reply askForMissing(Invocation invocation, ScriptDefinition script, Binding binding)
    {
        Text text = messages.text();
        String missing = binding.missing().stream().map(ParamDefinition::name).collect(Collectors.joining(", "));
        if (invocation.triggerId().isEmpty()) {
            throw new UserError(text.get("run.needs", "script", script.name(), "missing", missing, "usage", messages.usage(script)));
        }
        String metadata = metadata(new FormState(script.name(), invocation.conversation().channelId(),
                invocation.conversation().channelName(), invocation.conversation().responseUrl().orElse(""), binding.values()));
        String triggerId = invocation.triggerId().get();
        background.submit(text.get("form.opening", "script", script.name()), invocation.conversation(),
                () -> chat.openModal(triggerId, lists.form(script, binding.missing(), metadata)));
        return Reply.text(text.get("form.opened", "script", script.name(), "missing", missing)).withOutcome(Outcome.FORM);
    }

    private List<ScriptDefinition> allowedScripts(Invocation invocation)
    {
        return config.current().section(ScriptsConfig.class).list().stream()
                .filter(script -> access.refusal(invocation.conversation(), script.allow(), script.channels()).isEmpty())
                .toList();
    }

    private static String names(Text text, List<ScriptDefinition> scripts)
    {
        return scripts.isEmpty() ? text.get("run.none") : scripts.stream().map(script -> "`" + script.name() + "`").collect(Collectors.joining(", "));
    }

    private static String metadata(FormState state)
    {
        try {
            return JSON.writeValueAsString(state);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
