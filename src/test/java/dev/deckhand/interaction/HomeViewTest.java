package dev.deckhand.interaction;

import com.slack.api.model.block.DividerBlock;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.view.View;
import dev.deckhand.chat.Message;
import dev.deckhand.chat.TextRenderer;
import dev.deckhand.text.Language;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The Home view: sections in order with dividers, a failing one as one line, a welcome when nothing shows, Slack's block limit. */
class HomeViewTest
{
    @Test
    void sectionsGoInOrderWithADividerBetweenAndEmptyOnesLeaveNoTrace()
    {
        View view = new HomeView(Set.of(section(20, "Deploys"), section(10, "Jobs"), empty(15)), () -> Language.EN).render("U0ONE");

        assertThat(view.getType()).isEqualTo("home");
        assertThat(view.getBlocks()).hasSize(3);
        assertThat(title(view.getBlocks().get(0))).isEqualTo("Jobs for U0ONE");
        assertThat(view.getBlocks().get(1)).isInstanceOf(DividerBlock.class);
        assertThat(title(view.getBlocks().get(2))).isEqualTo("Deploys for U0ONE");
    }

    @Test
    void aSectionThatFailsShowsOneLineAndTheOthersStill()
    {
        View view = new HomeView(Set.of(section(10, "Jobs"), failing(20)), () -> Language.EN).render("U0ONE");

        assertThat(view.getBlocks()).hasSize(3);
        assertThat(view.getBlocks().get(2)).isInstanceOf(SectionBlock.class);
        assertThat(text(view)).contains("Jobs for U0ONE").contains("Deckhand could not show this part of the board");
    }

    @Test
    void withNothingToShowTheTabWelcomesInTheConfiguredLanguage()
    {
        String english = text(new HomeView(Set.of(), () -> Language.EN).render("U0ONE"));
        String korean = text(new HomeView(Set.of(empty(10)), () -> Language.KO).render("U0ONE"));

        assertThat(english).contains("Deckhand").contains("`/run`").contains("`/deckhand help`");
        assertThat(korean).contains("`/deckhand help`").contains("요");
    }

    @Test
    void aViewIsCutToSlacksHundredBlocks()
    {
        HomeSection big = new HomeSection()
        {
            @Override
            public int order()
            {
                return 10;
            }

            @Override
            public List<LayoutBlock> blocks(String userId)
            {
                return Collections.nCopies(150, DividerBlock.builder().build());
            }
        };

        assertThat(new HomeView(Set.of(big), () -> Language.EN).render("U0ONE").getBlocks()).hasSize(HomeView.MAX_BLOCKS);
    }

    private static String text(View view)
    {
        return TextRenderer.render(new Message("", view.getBlocks()));
    }

    private static String title(LayoutBlock block)
    {
        return ((HeaderBlock) block).getText().getText();
    }

    private static HomeSection section(int order, String title)
    {
        return new HomeSection()
        {
            @Override
            public int order()
            {
                return order;
            }

            @Override
            public List<LayoutBlock> blocks(String userId)
            {
                return new ArrayList<>(List.of(HeaderBlock.builder().text(PlainTextObject.builder().text(title + " for " + userId).build()).build()));
            }
        };
    }

    private static HomeSection empty(int order)
    {
        return new HomeSection()
        {
            @Override
            public int order()
            {
                return order;
            }

            @Override
            public List<LayoutBlock> blocks(String userId)
            {
                return List.of();
            }
        };
    }

    private static HomeSection failing(int order)
    {
        return new HomeSection()
        {
            @Override
            public int order()
            {
                return order;
            }

            @Override
            public List<LayoutBlock> blocks(String userId)
            {
                throw new IllegalStateException("boom");
            }
        };
    }
}
