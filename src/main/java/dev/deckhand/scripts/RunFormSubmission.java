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
import dev.deckhand.text.Text;
import jakarta.inject.Inject;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** The form for missing params: checks each field (errors shown next to it), then starts the run. */
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
                .orElseThrow(() -> new UserError(text.get("form.gone", "script", Text.excerpt(state.script(), 40))));
        Conversation conversation = new Conversation(state.channelId(), state.channelName(), submission.userId(),
                Optional.of(state.responseUrl()).filter(url -> !url.isEmpty()));
        String firstField = submission.values().keySet().stream().findFirst().orElse("");
        Optional<String> refusal = access.refusal(conversation, script.allow(), script.channels());
        if (refusal.isPresent()) {
            return Reply.fieldErrors(Map.of(firstField, text.get("form.refused", "script", script.name(), "reason", refusal.get()))).withOutcome(Outcome.REFUSED);
        }
        Map<String, String> errors = fieldErrors(text, script, submission.values());
        if (!errors.isEmpty()) {
            return Reply.fieldErrors(errors);
        }
        Map<String, String> values = new LinkedHashMap<>(state.values());
        values.putAll(submission.values());
        try {
            runs.start(script, ParamBinder.bind(text, script, values).values(), conversation);
        }
        catch (UserError e) {
            return Reply.fieldErrors(Map.of(firstField, e.getMessage())).withOutcome(Outcome.of(e.category()));
        }
        return Reply.none().withOutcome(Outcome.STARTED);
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
            if (value.isEmpty() && param.get().required()) {
                errors.put(name, text.get("form.field.required"));
                return;
            }
            ParamRules.violation(param.get(), value, text).ifPresent(violation -> errors.put(name, text.get("form.field.invalid", "violation", violation)));
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
}
