package dev.deckhand.interaction;

import com.slack.api.model.block.LayoutBlock;

import java.util.List;

/**
 * One part of the App Home tab (the board), contributed through a Multibinder like a
 * {@link SlashCommand}. Asked for its blocks each time the tab is published; a capability whose
 * state changed asks {@link HomeTab#changed()} for a refresh.
 */
public interface HomeSection
{
    /** Where the section goes on the tab, smaller first (deploys use 20, jobs 10). */
    int order();

    /** The section's blocks for this user (a header and its content); empty to show nothing. */
    List<LayoutBlock> blocks(String userId);
}
