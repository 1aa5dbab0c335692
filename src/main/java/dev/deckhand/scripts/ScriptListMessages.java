package dev.deckhand.scripts;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.view.View;
import dev.deckhand.chat.Message;
import dev.deckhand.text.Text;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.block.element.BlockElements.staticSelect;
import static com.slack.api.model.view.Views.view;
import static com.slack.api.model.view.Views.viewClose;
import static com.slack.api.model.view.Views.viewSubmit;
import static com.slack.api.model.view.Views.viewTitle;
import static java.util.Objects.requireNonNull;

/** The script list for {@code /run} and the form for missing params, in the config's language. No side effects. */
final class ScriptListMessages
{
    static final String MODAL_CALLBACK = "deckhand.run.form";

    private final ScriptsMessages messages;

    ScriptListMessages(ScriptsMessages messages)
    {
        this.messages = requireNonNull(messages, "messages is null");
    }

    Message list(List<ScriptDefinition> scripts)
    {
        Text text = messages.text();
        if (scripts.isEmpty()) {
            return Message.text(text.get("list.empty"));
        }
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(section -> section.text(markdownText(text.get("list.header")))));
        for (ScriptDefinition script : scripts) {
            blocks.add(section(section -> section.text(markdownText(describe(text, script)))));
        }
        String names = scripts.stream().map(ScriptDefinition::name).collect(Collectors.joining(", "));
        return new Message(text.get("list.text", "names", names), blocks);
    }

    View form(ScriptDefinition script, List<ParamDefinition> missing, String metadata)
    {
        Text text = messages.text();
        List<LayoutBlock> blocks = new ArrayList<>();
        String needs = missing.size() == 1 ? text.get("form.needs.one", "script", script.name())
                : text.get("form.needs.many", "script", script.name(), "count", missing.size());
        blocks.add(section(section -> section.text(markdownText(needs + (script.description().isEmpty() ? "" : "\n" + script.description())))));
        for (ParamDefinition param : missing) {
            blocks.add(input(input -> input.blockId(param.name())
                    .label(plainText(param.name()))
                    .hint(plainText(hint(text, param)))
                    .element(element(param))));
        }
        blocks.add(context(List.of(markdownText(text.get("form.where")))));
        return view(view -> view.type("modal")
                .callbackId(MODAL_CALLBACK)
                .privateMetadata(metadata)
                .title(viewTitle(title -> title.type("plain_text").text(Text.excerpt(text.get("form.title", "script", script.name()), 24))))
                .submit(viewSubmit(submit -> submit.type("plain_text").text(text.get("form.submit"))))
                .close(viewClose(close -> close.type("plain_text").text(text.get("form.close"))))
                .blocks(blocks));
    }

    private static BlockElement element(ParamDefinition param)
    {
        List<String> choices = !param.allowedValues().isEmpty() ? param.allowedValues()
                : param.type() == ParamDefinition.ParamType.BOOL ? List.of("true", "false") : List.of();
        if (!choices.isEmpty()) {
            return staticSelect(select -> select.actionId("value")
                    .options(choices.stream().map(choice -> option(plainText(choice), choice)).toList()));
        }
        return plainTextInput(input -> input.actionId("value"));
    }

    private String hint(Text text, ParamDefinition param)
    {
        String rule = messages.rule(param);
        return param.description().isEmpty() ? text.get("form.hint", "rule", rule) : text.get("form.hint.described", "description", param.description(), "rule", rule);
    }

    private String describe(Text text, ScriptDefinition script)
    {
        String params = script.params().stream()
                .map(param -> text.get("list.param", "name", param.name(), "rule", messages.rule(param), "note", note(text, param)))
                .collect(Collectors.joining(", "));
        return "*" + script.name() + "*" + (script.description().isEmpty() ? "" : " — " + script.description())
                + "\n" + messages.usage(script) + (params.isEmpty() ? "" : "\n" + params);
    }

    private static String note(Text text, ParamDefinition param)
    {
        return param.defaultValue().map(value -> text.get("list.param.default", "value", value))
                .orElse(param.required() ? text.get("list.param.required") : "");
    }
}
