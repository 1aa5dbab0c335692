package dev.deckhand.web;

import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpStatus;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeoutException;

/**
 * Reads a request's body whole, within a size limit, for endpoints that need all of it before they
 * decide anything (a signature over the body, say). Whatever goes wrong is the caller's
 * {@link BadRequest}: too large (413), stalled past the idle timeout (408), cut short (400).
 */
public final class RequestBodies
{
    /** The most any endpoint takes; Slack's payloads, webhooks and pings are far smaller. */
    public static final int MAX_BODY = 1024 * 1024;

    private RequestBodies() {}

    public static byte[] read(HttpServletRequest request, int limit)
    {
        if (request.getContentLengthLong() > limit) {
            throw tooLarge(limit);
        }
        try (InputStream input = request.getInputStream()) {
            byte[] body = input.readNBytes(limit + 1);
            if (body.length > limit) {
                throw tooLarge(limit);
            }
            return body;
        }
        catch (IOException e) {
            throw unread(e, limit);
        }
        catch (RuntimeException e) {
            // Jetty's own size limit fails the read with an unchecked HttpException.
            if (e instanceof HttpException http && http.getCode() == HttpStatus.PAYLOAD_TOO_LARGE_413) {
                throw tooLarge(limit);
            }
            throw e;
        }
    }

    private static BadRequest tooLarge(int limit)
    {
        return new BadRequest(HttpStatus.PAYLOAD_TOO_LARGE_413, "The request body is larger than " + limit + " bytes.");
    }

    private static BadRequest unread(IOException failure, int limit)
    {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException) {
                return new BadRequest(HttpStatus.REQUEST_TIMEOUT_408, "The request body did not arrive in time.");
            }
            if (cause instanceof HttpException http && http.getCode() == HttpStatus.PAYLOAD_TOO_LARGE_413) {
                return tooLarge(limit);
            }
        }
        return new BadRequest(HttpStatus.BAD_REQUEST_400, "The request body could not be read.", failure.getClass().getSimpleName());
    }
}
