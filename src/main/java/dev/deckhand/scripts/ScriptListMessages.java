package dev.deckhand.scripts;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import dev.deckhand.chat.Message;

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

/** The script list for {@code /run} and the form for missing params. Pure functions. */
final class ScriptListMessages
{
    static final String MODAL_CALLBACK = "deckhand.run.form";

    private ScriptListMessages() {}

    static Message list(List<ScriptDefinition> scripts)
    {
        if (scripts.isEmpty()) {
            return Message.text("There are no scripts you may run here. An admin can add them under `scripts.list` in the config, or give you access with `allow`.");
        }
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(section -> section.text(markdownText("*Scripts you can run* — type `/run <script> name=value …`"))));
        for (ScriptDefinition script : scripts) {
            blocks.add(section(section -> section.text(markdownText(describe(script)))));
        }
        String text = scripts.stream().map(ScriptDefinition::name).collect(Collectors.joining(", ", "Scripts you can run: ", ""));
        return new Message(text, blocks);
    }

    static View form(ScriptDefinition script, List<ParamDefinition> missing, String metadata)
    {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(section -> section.text(markdownText("`" + script.name() + "` needs " + missing.size()
                + (missing.size() == 1 ? " more value." : " more values.") + (script.description().isEmpty() ? "" : "\n" + script.description())))));
        for (ParamDefinition param : missing) {
            blocks.add(input(input -> input.blockId(param.name())
                    .label(plainText(param.name()))
                    .hint(plainText(hint(param)))
                    .element(element(param))));
        }
        blocks.add(context(List.of(markdownText("Runs in the channel you typed the command in, as you."))));
        return view(view -> view.type("modal")
                .callbackId(MODAL_CALLBACK)
                .privateMetadata(metadata)
                .title(viewTitle(title -> title.type("plain_text").text(truncate("Run " + script.name(), 24))))
                .submit(viewSubmit(submit -> submit.type("plain_text").text("Run")))
                .close(viewClose(close -> close.type("plain_text").text("Cancel")))
                .blocks(blocks));
    }

    private static com.slack.api.model.block.element.BlockElement element(ParamDefinition param)
    {
        List<String> choices = !param.allowedValues().isEmpty() ? param.allowedValues()
                : param.type() == ParamDefinition.ParamType.BOOL ? List.of("true", "false") : List.of();
        if (!choices.isEmpty()) {
            return staticSelect(select -> select.actionId("value")
                    .options(choices.stream().map(choice -> option(plainText(choice), choice)).toList()));
        }
        return plainTextInput(input -> input.actionId("value"));
    }

    private static String hint(ParamDefinition param)
    {
        String rule = "Must be " + param.rule() + ".";
        return param.description().isEmpty() ? rule : param.description() + ". " + rule;
    }

    private static String describe(ScriptDefinition script)
    {
        String params = script.params().stream()
                .map(param -> "`" + param.name() + "` " + param.rule() + param.defaultValue().map(value -> " (default " + value + ")").orElse(param.required() ? " (required)" : ""))
                .collect(Collectors.joining(", "));
        return "*" + script.name() + "*" + (script.description().isEmpty() ? "" : " — " + script.description())
                + "\n" + ScriptUsage.of(script) + (params.isEmpty() ? "" : "\n" + params);
    }

    private static String truncate(String text, int max)
    {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
