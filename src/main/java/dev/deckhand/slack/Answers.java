package dev.deckhand.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.slack.api.bolt.response.Response;
import dev.deckhand.text.Text;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bodies Deckhand answers Slack with directly, each within Slack's limits whatever a handler
 * put in it: a private reply to a command, a form replaced by one section that says what happened,
 * errors next to a form's fields, and a short error for a request Slack shows nothing for.
 */
final class Answers
{
    /** Slack shows up to 4000 characters of a message's text well, 3000 of a section and less next to a field. */
    static final int MAX_REPLY = 4000;
    static final int MAX_SECTION = 3000;
    static final int MAX_FIELD_ERROR = 500;
    private static final ObjectMapper JSON = new ObjectMapper();

    private Answers() {}

    static Response ephemeral(String text)
    {
        return Response.json(200, JSON.createObjectNode().put("response_type", "ephemeral").put("text", bounded(text, MAX_REPLY)).toString());
    }

    /** A form submission's answer that replaces the form with {@code text} and a Close button. */
    static Response formSaying(Text messages, String text)
    {
        ObjectNode answer = JSON.createObjectNode().put("response_action", "update");
        ObjectNode view = answer.putObject("view").put("type", "modal");
        view.putObject("title").put("type", "plain_text").put("text", messages.get("form.title"));
        view.putObject("close").put("type", "plain_text").put("text", messages.get("form.close"));
        view.putArray("blocks").addObject().put("type", "section")
                .putObject("text").put("type", "mrkdwn").put("text", bounded(text, MAX_SECTION));
        return Response.json(200, answer.toString());
    }

    static Map<String, String> fieldErrors(Map<String, String> errors)
    {
        Map<String, String> bounded = new LinkedHashMap<>();
        errors.forEach((field, error) -> bounded.put(field, bounded(error, MAX_FIELD_ERROR)));
        return bounded;
    }

    /** For requests whose answer Slack does not show: a status and a short reason, for whoever reads the wire. */
    static Response error(int status, String text)
    {
        return Response.json(status, JSON.createObjectNode().put("error", bounded(text, MAX_FIELD_ERROR)).toString());
    }

    static String bounded(String text, int max)
    {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
