package dev.deckhand.scripts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deckhand.access.AccessPolicy;
import dev.deckhand.chat.Conversation;
import dev.deckhand.config.ConfigHolder;
import dev.deckhand.errors.UserError;
import dev.deckhand.interaction.ModalSubmission;
import dev.deckhand.interaction.Outcome;
import dev.deckhand.interaction.Reply;
import dev.deckhand.interaction.Submission;
import dev.deckhand.scripts.ParamBinder.Binding;
import dev.deckhand.text.Text;
import jakarta.inject.Inject;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * The form for missing params: checks each field (errors shown next to it), then binds and checks
 * every value exactly as {@code /run} does, and starts the run only when nothing is missing. What
 * cannot be shown next to a field (a damaged form, a script no longer configured) replaces the form.
 */
final class RunFormSubmission
        implements ModalSubmission
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConfigHolder config;
    private final AccessPolicy access;
    private final RunService runs;
    private final ScriptsMessages messages;

    @Inject
    RunFormSubmission(ConfigHolder config, AccessPolicy access, RunService runs, ScriptsMessages messages)
    {
        this.config = requireNonNull(config, "config is null");
        this.access = requireNonNull(access, "access is null");
        this.runs = requireNonNull(runs, "runs is null");
        this.messages = requireNonNull(messages, "messages is null");
    }

    @Override
    public String callbackId()
    {
        return ScriptListMessages.MODAL_CALLBACK;
    }

    @Override
    public Reply handle(Submission submission)
    {
        Text text = messages.text();
        FormState state = state(text, submission.privateMetadata());
        ScriptDefinition script = config.current().section(ScriptsConfig.class).find(state.script())
                .orElseThrow(() -> new UserError(text.get("form.gone", "script", ParamBinder.shown(state.script()))));
        if (state.values().keySet().stream().anyMatch(name -> script.param(name).isEmpty())) {
            throw new UserError(text.get("form.damaged"));
        }
        Conversation conversation = conversation(text, state, submission.userId());
        Optional<String> refusal = access.refusal(conversation, script.allow(), script.channels());
        if (refusal.isPresent()) {
            return onForm(submission, text.get("form.refused", "script", script.name(), "reason", refusal.get())).withOutcome(Outcome.REFUSED);
        }
        Map<String, String> errors = fieldErrors(text, script, submission.values());
        if (!errors.isEmpty()) {
            return Reply.fieldErrors(errors);
        }
        Map<String, String> values = new LinkedHashMap<>(state.values());
        values.putAll(submission.values());
        try {
            Binding binding = ParamBinder.bind(text, script, values);
            if (!binding.missing().isEmpty()) {
                throw new UserError(text.get("form.incomplete", "script", script.name(),
                        "missing", binding.missing().stream().map(ParamDefinition::name).collect(Collectors.joining(", "))));
            }
            runs.start(script, binding.values(), conversation);
        }
        catch (UserError e) {
            return onForm(submission, e.getMessage()).withOutcome(Outcome.of(e.category()));
        }
        return Reply.none().withOutcome(Outcome.STARTED);
    }

    /** Shown next to the form's first field, or, for a form without fields, in place of the form. */
    private static Reply onForm(Submission submission, String text)
    {
        return submission.values().keySet().stream().findFirst()
                .map(field -> Reply.fieldErrors(Map.of(field, text)))
                .orElseGet(() -> Reply.text(text));
    }

    private static Map<String, String> fieldErrors(Text text, ScriptDefinition script, Map<String, String> values)
    {
        Map<String, String> errors = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            Optional<ParamDefinition> param = script.param(name);
            if (param.isEmpty()) {
                errors.put(name, text.get("form.field.unknown", "script", script.name()));
                return;
            }
            if (value.isEmpty() && param.get().required() && param.get().defaultValue().isEmpty()) {
                errors.put(name, text.get("form.field.required"));
                return;
            }
            if (!value.isEmpty()) {
                ParamRules.violation(param.get(), value, text).ifPresent(violation -> errors.put(name, text.get("form.field.invalid", "violation", violation)));
            }
        });
        return errors;
    }

    private static FormState state(Text text, String metadata)
    {
        try {
            return JSON.readValue(metadata, FormState.class);
        }
        catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
            throw new UserError(text.get("form.damaged"));
        }
    }

    /** Where the form was asked for, from its metadata: damaged metadata cannot name a place Deckhand would then fail to store. */
    private static Conversation conversation(Text text, FormState state, String userId)
    {
        try {
            return new Conversation(state.channelId(), state.channelName(), userId, Optional.of(state.responseUrl()).filter(url -> !url.isEmpty()));
        }
        catch (IllegalArgumentException e) {
            throw new UserError(text.get("form.damaged"));
        }
    }
}
