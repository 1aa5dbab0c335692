package dev.deckhand.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** manifest.yml declares what the Slack adapter handles: the commands, interactivity, the Home tab and its event, all at one Request URL. */
class ManifestTest
{
    private static final Path MANIFEST = Path.of("manifest.yml");

    @Test
    void theHomeTabIsOnAndItsEventGoesToTheOneRequestUrl()
            throws IOException
    {
        JsonNode manifest = new ObjectMapper(new YAMLFactory()).readTree(MANIFEST.toFile());
        String requestUrl = manifest.at("/settings/interactivity/request_url").asText();

        assertThat(manifest.at("/features/app_home/home_tab_enabled").asBoolean()).isTrue();
        assertThat(texts(manifest.at("/settings/event_subscriptions/bot_events"))).containsExactly("app_home_opened");
        assertThat(manifest.at("/settings/event_subscriptions/request_url").asText()).isEqualTo(requestUrl).endsWith("/slack/events");
        assertThat(manifest.at("/settings/interactivity/is_enabled").asBoolean()).isTrue();
        List<String> commandUrls = new ArrayList<>();
        manifest.at("/features/slash_commands").forEach(command -> commandUrls.add(command.get("url").asText()));
        assertThat(commandUrls).hasSize(4).containsOnly(requestUrl);
    }

    private static List<String> texts(JsonNode array)
    {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
