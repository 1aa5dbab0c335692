package dev.deckhand.slack;

import com.slack.api.bolt.middleware.Middleware;
import com.slack.api.bolt.middleware.MiddlewareChain;
import com.google.gson.JsonParseException;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestType;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import dev.deckhand.errors.ErrorTranslator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static java.util.Objects.requireNonNull;

/**
 * The first middleware: nothing that goes wrong behind it reaches Bolt, which would answer a bare
 * 500 and log the request. A payload that is not what Slack sends is a 400; anything else is a bug,
 * logged with a ref by the {@link ErrorTranslator}, and the person who typed a command is told the ref.
 */
final class ExceptionBarrier
        implements Middleware
{
    private static final Logger log = LoggerFactory.getLogger(ExceptionBarrier.class);

    private final ErrorTranslator translator;
    private final SlackMessages messages;

    ExceptionBarrier(ErrorTranslator translator, SlackMessages messages)
    {
        this.translator = requireNonNull(translator, "translator is null");
        this.messages = requireNonNull(messages, "messages is null");
    }

    @Override
    public Response apply(Request request, Response response, MiddlewareChain chain)
    {
        try {
            return chain.next(request);
        }
        catch (MalformedRequest malformed) {
            log.info("refused a malformed Slack {} request: {}", request.getRequestType(), malformed.reason());
            return Answers.error(400, messages.text().get("malformed.wire", "reason", malformed.reason()));
        }
        catch (JsonParseException unreadable) {
            if (request.getRequestType() != RequestType.Event) {
                return failed(request, unreadable);
            }
            // Bolt reads an event's fields into their types only when a handler asks for them.
            log.info("refused a malformed Slack event: {}", unreadable.getMessage());
            return Answers.error(400, messages.text().get("malformed.wire", "reason", messages.text().get("malformed.event")));
        }
        catch (Exception | Error e) {
            return failed(request, e);
        }
    }

    private Response failed(Request<?> request, Throwable e)
    {
        String text = translator.translate(messages.text().get("what.request"), e).text();
        return request instanceof SlashCommandRequest ? Answers.ephemeral(text) : Answers.error(500, text);
    }
}
