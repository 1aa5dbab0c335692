package dev.deckhand.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;
import dev.deckhand.config.Secret;
import dev.deckhand.lifecycle.Managed;
import dev.deckhand.lifecycle.StartFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

import static java.util.Objects.requireNonNull;

/**
 * Slack's requests over an outbound WebSocket instead of the Request URL (SLACK_APP_TOKEN): the
 * same Bolt app, so the same commands, buttons, de-duplication and ack; no public URL needed.
 * The SDK reconnects on its own when the connection drops.
 */
final class SocketMode
        implements Managed
{
    private static final Logger log = LoggerFactory.getLogger(SocketMode.class);

    private final App app;
    private final Secret appToken;
    private SocketModeApp socket;

    SocketMode(App app, Secret appToken)
    {
        this.app = requireNonNull(app, "app is null");
        this.appToken = requireNonNull(appToken, "appToken is null");
    }

    @Override
    public synchronized void start()
    {
        try {
            // Asked once up front for a clear answer: the SDK below only logs why it could not connect.
            app.slack().issueSocketModeUrl(appToken.value());
        }
        catch (IOException e) {
            throw new StartFailure("Socket Mode could not connect to Slack: " + e.getMessage(), e);
        }
        catch (RuntimeException e) {
            throw new StartFailure("Slack refused SLACK_APP_TOKEN for Socket Mode (" + e.getMessage() + "). It must be an app-level token (xapp-…)"
                    + " with the connections:write scope, and Socket Mode must be on in the app's settings", e);
        }
        try {
            socket = new SocketModeApp(appToken.value(), app, SocketModeClient.Backend.JavaWebSocket);
            socket.startAsync();
        }
        catch (Exception e) {
            throw new StartFailure("Socket Mode could not connect to Slack; the log above says why", e);
        }
        log.info("connected to Slack in Socket Mode");
    }

    @Override
    public synchronized void stop()
    {
        if (socket == null) {
            return;
        }
        try {
            socket.close();
        }
        catch (Exception e) {
            log.warn("closing the Socket Mode connection failed: {}", e.getMessage());
        }
        socket = null;
    }
}
