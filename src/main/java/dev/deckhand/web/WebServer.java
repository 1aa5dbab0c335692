package dev.deckhand.web;

import dev.deckhand.lifecycle.Managed;
import dev.deckhand.lifecycle.StartFailure;
import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.SizeLimitHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.BindException;
import java.util.EnumSet;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Embedded Jetty 12 serving every contributed {@link HttpEndpoint}. In front of them: only GET, HEAD
 * and POST ({@link AllowedMethods}), bodies up to {@link RequestBodies#MAX_BODY} (413 before any
 * work), a {@link BadRequest} from any endpoint answered in one place ({@link BadRequestFilter}), and
 * error pages that say only the status ({@link PlainErrorHandler}).
 */
public final class WebServer
        implements Managed
{
    private static final Logger log = LoggerFactory.getLogger(WebServer.class);

    private final WebConfig config;
    private final Set<HttpEndpoint> endpoints;
    private Server server;

    @Inject
    public WebServer(WebConfig config, Set<HttpEndpoint> endpoints)
    {
        this.config = requireNonNull(config, "config is null");
        this.endpoints = Set.copyOf(endpoints);
    }

    @Override
    public synchronized void start()
            throws Exception
    {
        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("deckhand-http");
        server = new Server(threads);
        server.addConnector(connector(server));
        server.setErrorHandler(new PlainErrorHandler());
        // On stop, refuse new requests but let those in flight finish (and be acked) first.
        server.setHandler(new GracefulHandler(new AllowedMethods(limited(endpoints()))));
        server.setStopTimeout(5_000);
        try {
            server.start();
        }
        catch (IOException e) {
            server.stop();
            throw new StartFailure(cannotListen(e), e);
        }
        log.info("listening on port {}{}", port(), config.bind().equals(WebConfig.DEFAULT_BIND) ? "" : " of " + config.bind());
    }

    private ServerConnector connector(Server server)
    {
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(config.bind());
        connector.setPort(config.port());
        // Also how long a request body may stall; a read that times out is the caller's 408.
        connector.setIdleTimeout(config.idleTimeout().toMillis());
        return connector;
    }

    private ServletContextHandler endpoints()
    {
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.setErrorHandler(new PlainErrorHandler());
        context.addFilter(new FilterHolder(new BadRequestFilter()), "/*", EnumSet.of(DispatcherType.REQUEST));
        endpoints.forEach(endpoint -> context.addServlet(new ServletHolder(endpoint.servlet()), endpoint.pathSpec()));
        return context;
    }

    private static Handler limited(Handler handler)
    {
        SizeLimitHandler limit = new SizeLimitHandler(RequestBodies.MAX_BODY, -1);
        limit.setHandler(handler);
        return limit;
    }

    private String cannotListen(IOException failure)
    {
        String where = config.bind().equals(WebConfig.DEFAULT_BIND) ? "port " + config.port() : config.bind() + ":" + config.port();
        if (failure.getCause() instanceof BindException || failure instanceof BindException) {
            return "cannot listen on " + where + ": it is already in use, perhaps by another Deckhand."
                    + " Stop that program, or choose another port with DECKHAND_PORT (e.g. DECKHAND_PORT=" + (config.port() + 1) + ").";
        }
        return "cannot listen on " + where + ": " + failure.getMessage() + ". Check DECKHAND_BIND and DECKHAND_PORT.";
    }

    /** The port actually bound. */
    public int port()
    {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    @Override
    public synchronized void stop()
            throws Exception
    {
        if (server != null) {
            server.stop();
        }
    }
}
