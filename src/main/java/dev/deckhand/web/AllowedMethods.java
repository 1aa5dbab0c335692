package dev.deckhand.web;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.util.Set;

/**
 * Before any endpoint: only GET, HEAD and POST are taken. Anything else (TRACE, which a servlet would
 * answer by echoing the request's headers, and methods no one knows, which a servlet answers 501)
 * is a 405 naming the allowed methods.
 */
final class AllowedMethods
        extends Handler.Wrapper
{
    private static final Set<String> ALLOWED = Set.of("GET", "HEAD", "POST");

    AllowedMethods(Handler handler)
    {
        super(handler);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback)
            throws Exception
    {
        if (ALLOWED.contains(request.getMethod())) {
            return super.handle(request, response, callback);
        }
        response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD, POST");
        Response.writeError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405);
        return true;
    }
}
