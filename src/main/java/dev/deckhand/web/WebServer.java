package dev.deckhand.web;

import dev.deckhand.lifecycle.Managed;
import dev.deckhand.lifecycle.StartFailure;
import jakarta.inject.Inject;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.BindException;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/** Embedded Jetty 12 serving every contributed {@link HttpEndpoint}. */
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
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(config.bind());
        connector.setPort(config.port());
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        endpoints.forEach(endpoint -> context.addServlet(new ServletHolder(endpoint.servlet()), endpoint.pathSpec()));
        // On stop, refuse new requests but let those in flight finish (and be acked) first.
        GracefulHandler graceful = new GracefulHandler(context);
        server.setHandler(graceful);
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
