package dev.deckhand.deploy;

import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.PlainTextObject;
import dev.deckhand.config.ConfigHolder;
import dev.deckhand.interaction.HomeSection;
import dev.deckhand.text.Text;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The deploys part of the App Home tab: every service's environments with what runs there, who
 * deployed it and when, a lock and its reason, a deploy in progress; read from the store, as
 * {@code /deploy status} shows it. Nothing when no services are configured.
 */
final class DeployHomeSection
        implements HomeSection
{
    static final int ORDER = 20;
    /** Slack's limit for a section's text. */
    private static final int MAX_TEXT = 3000;
    /** Leaves room in the tab's 100 blocks for the other sections. */
    private static final int MAX_SERVICES = 40;

    private final ConfigHolder config;
    private final DeployQueries queries;
    private final DeployViews views;

    DeployHomeSection(ConfigHolder config, DeployQueries queries, DeployViews views)
    {
        this.config = requireNonNull(config, "config is null");
        this.queries = requireNonNull(queries, "queries is null");
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
        List<ServiceDefinition> services = config.current().section(ServicesConfig.class).services();
        if (services.isEmpty()) {
            return List.of();
        }
        Text text = views.text();
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(HeaderBlock.builder().text(PlainTextObject.builder().text(text.get("home.title")).emoji(true).build()).build());
        blocks.add(ContextBlock.builder().elements(List.of(MarkdownTextObject.builder().text(text.get("home.hint")).build())).build());
        for (ServiceDefinition service : services.subList(0, Math.min(services.size(), MAX_SERVICES))) {
            blocks.add(SectionBlock.builder().text(MarkdownTextObject.builder().text(cut(queries.service(service))).build()).build());
        }
        if (services.size() > MAX_SERVICES) {
            blocks.add(ContextBlock.builder().elements(List.of(MarkdownTextObject.builder()
                    .text(text.get("home.more", "count", services.size() - MAX_SERVICES)).build())).build());
        }
        return blocks;
    }

    private static String cut(String text)
    {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
    }
}
