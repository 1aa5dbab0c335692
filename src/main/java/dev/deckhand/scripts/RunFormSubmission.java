package dev.deckhand.scripts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.deckhand.access.AccessPolicy;
import dev.deckhand.chat.Conversation;
import dev.deckhand.config.ConfigHolder;
import dev.deckhand.errors.AccessDenied;
import dev.deckhand.errors.UserError;
import dev.deckhand.interaction.ModalSubmission;
import dev.deckhand.interaction.Reply;
import dev.deckhand.interaction.Submission;
import dev.deckhand.scripts.ParamBinder.Binding;
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
    private static final String DAMAGED = "This form is damaged or out of date; nothing was run. Type the /run command again.";

    private final ConfigHolder config;
    private final AccessPolicy access;
    private final RunService runs;

    @Inject
    RunFormSubmission(ConfigHolder config, AccessPolicy access, RunService runs)
    {
        this.config = requireNonNull(config, "config is null");
        this.access = requireNonNull(access, "access is null");
        this.runs = requireNonNull(runs, "runs is null");
    }

    @Override
    public String callbackId()
    {
        return ScriptListMessages.MODAL_CALLBACK;
    }

    @Override
    public Reply handle(Submission submission)
    {
        FormState state = state(submission.privateMetadata());
        ScriptDefinition script = config.current().section(ScriptsConfig.class).find(state.script())
                .orElseThrow(() -> new UserError("The script `" + ParamBinder.shown(state.script()) + "` is no longer configured; nothing was run."));
        if (state.values().keySet().stream().anyMatch(name -> script.param(name).isEmpty())) {
            throw new UserError(DAMAGED);
        }
        Conversation conversation = conversation(state, submission.userId());
        Optional<String> refusal = access.refusal(conversation, script.allow(), script.channels());
        if (refusal.isPresent()) {
            return onForm(submission, "You can't run " + script.name() + ": " + refusal.get()).withOutcome(new AccessDenied("").outcome());
        }
        Map<String, String> errors = fieldErrors(script, submission.values());
        if (!errors.isEmpty()) {
            return Reply.fieldErrors(errors);
        }
        Map<String, String> values = new LinkedHashMap<>(state.values());
        values.putAll(submission.values());
        try {
            Binding binding = ParamBinder.bind(script, values);
            if (!binding.missing().isEmpty()) {
                throw new UserError("`" + script.name() + "` needs " + binding.missing().stream().map(ParamDefinition::name).collect(Collectors.joining(", "))
                        + ", which this form does not ask for; nothing was run. Type `/run " + script.name() + "` for a new form.");
            }
            runs.start(script, binding.values(), conversation);
        }
        catch (UserError e) {
            return onForm(submission, e.getMessage()).withOutcome(e.outcome());
        }
        return Reply.none().withOutcome("started");
    }

    /** Shown next to the form's first field, or, for a form without fields, in place of the form. */
    private static Reply onForm(Submission submission, String text)
    {
        return submission.values().keySet().stream().findFirst()
                .map(field -> Reply.fieldErrors(Map.of(field, text)))
                .orElseGet(() -> Reply.text(text));
    }

    private static Map<String, String> fieldErrors(ScriptDefinition script, Map<String, String> values)
    {
        Map<String, String> errors = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            Optional<ParamDefinition> param = script.param(name);
            if (param.isEmpty()) {
                errors.put(name, "This field is no longer a param of " + script.name() + ".");
                return;
            }
            if (value.isEmpty() && param.get().required() && param.get().defaultValue().isEmpty()) {
                errors.put(name, "Required.");
                return;
            }
            if (!value.isEmpty()) {
                ParamRules.violation(param.get(), value).ifPresent(violation -> errors.put(name, "The value " + violation + "."));
            }
        });
        return errors;
    }

    private static FormState state(String metadata)
    {
        try {
            return JSON.readValue(metadata, FormState.class);
        }
        catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
            throw new UserError(DAMAGED);
        }
    }

    /** Where the form was asked for, from its metadata: damaged metadata cannot name a place Deckhand would then fail to store. */
    private static Conversation conversation(FormState state, String userId)
    {
        try {
            return new Conversation(state.channelId(), state.channelName(), userId, Optional.of(state.responseUrl()).filter(url -> !url.isEmpty()));
        }
        catch (IllegalArgumentException e) {
            throw new UserError(DAMAGED);
        }
    }
}
