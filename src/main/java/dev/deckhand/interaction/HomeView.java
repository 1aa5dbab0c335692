package dev.deckhand.interaction;

import com.slack.api.model.block.DividerBlock;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.view.View;
import dev.deckhand.text.Bundle;
import dev.deckhand.text.CurrentLanguage;
import dev.deckhand.text.Text;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The App Home view for one person: the contributed sections in order, a divider between them; a
 * section that fails shows one line instead, and a tab with nothing to show shows a welcome.
 */
final class HomeView
{
    private static final Logger log = LoggerFactory.getLogger(HomeView.class);
    private static final Bundle BUNDLE = Bundle.of(HomeView.class);
    /** Slack's limit for a Home tab view. */
    static final int MAX_BLOCKS = 100;

    private final List<HomeSection> sections;
    private final CurrentLanguage language;

    HomeView(Set<HomeSection> sections, CurrentLanguage language)
    {
        this.sections = sections.stream()
                .sorted(Comparator.comparingInt(HomeSection::order).thenComparing(section -> section.getClass().getName()))
                .toList();
        this.language = requireNonNull(language, "language is null");
    }

    View render(String userId)
    {
        List<LayoutBlock> blocks = new ArrayList<>();
        for (HomeSection section : sections) {
            List<LayoutBlock> part = blocksOf(section, userId);
            if (part.isEmpty()) {
                continue;
            }
            if (!blocks.isEmpty()) {
                blocks.add(DividerBlock.builder().build());
            }
            blocks.addAll(part);
        }
        if (blocks.isEmpty()) {
            blocks.addAll(welcome());
        }
        if (blocks.size() > MAX_BLOCKS) {
            log.warn("the Home tab for {} has {} blocks; Slack shows {}, so the rest is left out", userId, blocks.size(), MAX_BLOCKS);
            blocks = new ArrayList<>(blocks.subList(0, MAX_BLOCKS));
        }
        return View.builder().type("home").blocks(blocks).build();
    }

    private List<LayoutBlock> blocksOf(HomeSection section, String userId)
    {
        try {
            return List.copyOf(section.blocks(userId));
        }
        catch (RuntimeException e) {
            log.error("the Home tab section {} failed for {}", section.getClass().getName(), userId, e);
            return List.of(markdown(text().get("home.section.failed")));
        }
    }

    private List<LayoutBlock> welcome()
    {
        Text text = text();
        return List.of(
                HeaderBlock.builder().text(PlainTextObject.builder().text(text.get("home.welcome.title")).emoji(true).build()).build(),
                markdown(text.get("home.welcome.text")),
                markdown(text.get("home.welcome.help")));
    }

    private static SectionBlock markdown(String text)
    {
        return SectionBlock.builder().text(MarkdownTextObject.builder().text(text).build()).build();
    }

    private Text text()
    {
        return BUNDLE.in(language.get());
    }
}
