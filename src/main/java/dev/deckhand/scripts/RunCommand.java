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
import dev.deckhand.interaction.Reply;
import dev.deckhand.interaction.SlashCommand;
import dev.deckhand.scripts.ParamBinder.Binding;
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

    @Inject
    RunCommand(ConfigHolder config, AccessPolicy access, RunService runs, Chat chat, Background background)
    {
        this.config = requireNonNull(config, "config is null");
        this.access = requireNonNull(access, "access is null");
        this.runs = requireNonNull(runs, "runs is null");
        this.chat = requireNonNull(chat, "chat is null");
        this.background = requireNonNull(background, "background is null");
    }

    @Override
    public String command()
    {
        return "/run";
    }

    @Override
    public String help()
    {
        return "`/run` lists the scripts you may run · `/run <script> [name=value …]` runs one here, live";
    }

    @Override
    public Reply handle(Invocation invocation)
    {
        List<String> words = ArgumentParser.words(invocation.text());
        if (words.isEmpty()) {
            return Reply.of(ScriptListMessages.list(allowedScripts(invocation)));
        }
        ScriptDefinition script = config.current().section(ScriptsConfig.class).find(words.get(0))
                .orElseThrow(() -> new UserError("There is no script called `" + ParamBinder.shown(words.get(0)) + "`. "
                        + "Scripts you can run: " + names(allowedScripts(invocation)) + ". Type `/run` to see them with their params."));
        access.refusal(invocation.conversation(), script.allow(), script.channels()).ifPresent(reason -> {
            throw new AccessDenied("You can't run `" + script.name() + "`: " + reason + ".");
        });
        Binding binding = ParamBinder.bind(script, words.subList(1, words.size()));
        if (!binding.missing().isEmpty()) {
            return askForMissing(invocation, script, binding);
        }
        runs.start(script, binding.values(), invocation.conversation());
        return Reply.none().withOutcome("started");
    }

    private Reply askForMissing(Invocation invocation, ScriptDefinition script, Binding binding)
    {
        String missing = binding.missing().stream().map(ParamDefinition::name).collect(Collectors.joining(", "));
        if (invocation.triggerId().isEmpty()) {
            throw new UserError("`" + script.name() + "` needs " + missing + ". Usage: " + ScriptUsage.of(script));
        }
        String metadata = metadata(new FormState(script.name(), invocation.conversation().channelId(),
                invocation.conversation().channelName(), invocation.conversation().responseUrl().orElse(""), binding.values()));
        String triggerId = invocation.triggerId().get();
        background.submit("Opening the form for " + script.name(), invocation.conversation(),
                () -> chat.openModal(triggerId, ScriptListMessages.form(script, binding.missing(), metadata)));
        return Reply.text("`" + script.name() + "` needs " + missing + ": fill in the form that opened.").withOutcome("form");
    }

    private List<ScriptDefinition> allowedScripts(Invocation invocation)
    {
        return config.current().section(ScriptsConfig.class).list().stream()
                .filter(script -> access.refusal(invocation.conversation(), script.allow(), script.channels()).isEmpty())
                .toList();
    }

    private static String names(List<ScriptDefinition> scripts)
    {
        return scripts.isEmpty() ? "none" : scripts.stream().map(script -> "`" + script.name() + "`").collect(Collectors.joining(", "));
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
