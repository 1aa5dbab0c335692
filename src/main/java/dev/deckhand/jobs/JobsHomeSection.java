package dev.deckhand.jobs;

import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.PlainTextObject;
import dev.deckhand.interaction.HomeSection;
import dev.deckhand.text.Text;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/** The jobs part of the App Home tab: the board {@code /jobs} prints (status, last run, next run, paused), refreshed when a job's state changes. */
final class JobsHomeSection
        implements HomeSection
{
    static final int ORDER = 10;
    /** Slack's limit for a section's text. */
    private static final int MAX_TEXT = 3000;
    /** Leaves room in the tab's 100 blocks for the other sections. */
    private static final int MAX_SECTIONS = 40;

    private final JobBoard board;
    private final JobViews views;

    JobsHomeSection(JobBoard board, JobViews views)
    {
        this.board = requireNonNull(board, "board is null");
        this.views = requireNonNull(views, "views is null");
    }

    @Override
    public int order()
    {
        return ORDER;
    }

    @Override
    public List<LayoutBlock> blocks(String userId)
    {
        List<String> lines = board.lines();
        if (lines.isEmpty()) {
            return List.of();
        }
        Text text = views.text();
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(HeaderBlock.builder().text(PlainTextObject.builder().text(text.get("home.title")).emoji(true).build()).build());
        blocks.add(ContextBlock.builder().elements(List.of(MarkdownTextObject.builder().text(text.get("home.hint")).build())).build());
        StringBuilder section = new StringBuilder();
        int shown = 0;
        for (String line : lines) {
            if (section.length() + line.length() + 1 > MAX_TEXT) {
                if (blocks.size() - 2 >= MAX_SECTIONS - 1) {
                    break;
                }
                blocks.add(section(section.toString()));
                section.setLength(0);
            }
            section.append(section.length() == 0 ? "" : "\n").append(line);
            shown++;
        }
        if (section.length() > 0) {
            blocks.add(section(section.toString()));
        }
        if (shown < lines.size()) {
            blocks.add(ContextBlock.builder().elements(List.of(MarkdownTextObject.builder().text(text.get("home.more", "count", lines.size() - shown)).build())).build());
        }
        return blocks;
    }

    private static LayoutBlock section(String markdown)
    {
        return SectionBlock.builder().text(MarkdownTextObject.builder().text(markdown).build()).build();
    }
}
