package dev.deckhand.web;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeoutException;

/**
 * Every error page Jetty writes (404, 405, 408, 413, a servlet's failure alike): the status and its
 * reason phrase as plain text, never a message, an exception's name or a stack trace. A body that
 * did not arrive within the idle timeout is the caller's 408, not Deckhand's 500.
 */
final class PlainErrorHandler
        extends ErrorHandler
{
    @Override
    public boolean errorPageForMethod(String method)
    {
        // Jetty leaves other methods' error pages empty; a short plain one is as safe for all of them.
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause, Callback callback)
    {
        int status = code == HttpStatus.INTERNAL_SERVER_ERROR_500 && timedOut(cause) ? HttpStatus.REQUEST_TIMEOUT_408 : code;
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.write(true, StandardCharsets.UTF_8.encode(status + " " + HttpStatus.getMessage(status) + "\n"), callback);
    }

    private static boolean timedOut(Throwable cause)
    {
        for (Throwable failure = cause; failure != null; failure = failure.getCause()) {
            if (failure instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }
}
