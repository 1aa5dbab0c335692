package dev.deckhand.testing;

import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Slack's side of Socket Mode on loopback: apps.connections.open on the fake Web API hands out
 * this server's URL; on connect it says hello, tests push envelopes, and the client's acks are kept.
 */
public final class TestingSocketMode
        implements AutoCloseable
{
    private final Server server = new Server();

    public TestingSocketMode(TestingSlack slack)
            throws InterruptedException
    {
        server.setReuseAddr(true);
        server.start();
        if (!server.started.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the fake Socket Mode server did not start");
        }
        slack.stubOk("apps.connections.open", "{\"ok\":true,\"url\":\"ws://127.0.0.1:" + server.getPort() + "/link\"}");
    }

    public boolean connected()
    {
        return !server.getConnections().isEmpty();
    }

    /** How many connections clients have opened so far. */
    public int opened()
    {
        return server.opened.get();
    }

    /** Closes every connection, as Slack does when it refreshes one; clients are expected to come back. */
    public void dropAll()
    {
        server.getConnections().forEach(connection -> connection.close(1001, "refresh"));
    }

    /** Sends an envelope to every connected client. */
    public void send(String envelope)
    {
        server.broadcast(envelope);
    }

    /** What the clients sent back (acks), oldest first. */
    public List<String> received()
    {
        synchronized (server.received) {
            return List.copyOf(server.received);
        }
    }

    /** A slash_commands envelope as Slack sends it; {@code retry} above 0 is a redelivery. */
    public static String slashCommand(String envelopeId, int retry, String channel, String command, String text)
    {
        return """
                {"envelope_id":"%s","type":"slash_commands","accepts_response_payload":true,"retry_attempt":%d,"retry_reason":"%s",
                 "payload":{"token":"legacy","team_id":"T0TEAM","team_domain":"team","channel_id":"%s","channel_name":"ops",
                  "user_id":"U0DEV","user_name":"dev","command":"%s","text":"%s","api_app_id":"A0DECKHAND","is_enterprise_install":"false",
                  "response_url":"https://hooks.slack.test/commands/1","trigger_id":"1.2.3"}}
                """.formatted(envelopeId, retry, retry == 0 ? "" : "timeout", channel, command, text);
    }

    /** An events_api envelope carrying {@code eventJson} in an event_callback, as Slack sends it. */
    public static String event(String envelopeId, String eventJson)
    {
        return """
                {"envelope_id":"%s","type":"events_api","accepts_response_payload":false,"retry_attempt":0,"retry_reason":"",
                 "payload":{"token":"legacy","team_id":"T0TEAM","api_app_id":"A0DECKHAND","event":%s,"type":"event_callback",
                  "event_id":"Ev%s","event_time":1700000002}}
                """.formatted(envelopeId, eventJson, envelopeId.replaceAll("[^A-Za-z0-9]", "").toUpperCase());
    }

    @Override
    public void close()
            throws InterruptedException
    {
        server.stop(1000);
    }

    private static final class Server
            extends WebSocketServer
    {
        private final CountDownLatch started = new CountDownLatch(1);
        private final List<String> received = new ArrayList<>();
        private final AtomicInteger opened = new AtomicInteger();

        Server()
        {
            super(new InetSocketAddress("127.0.0.1", 0));
        }

        @Override
        public void onOpen(WebSocket connection, ClientHandshake handshake)
        {
            opened.incrementAndGet();
            connection.send("{\"type\":\"hello\",\"num_connections\":1,\"connection_info\":{\"app_id\":\"A0DECKHAND\"},"
                    + "\"debug_info\":{\"host\":\"loopback\",\"approximate_connection_time\":3600}}");
        }

        @Override
        public void onClose(WebSocket connection, int code, String reason, boolean remote) {}

        @Override
        public void onMessage(WebSocket connection, String message)
        {
            synchronized (received) {
                received.add(message);
            }
        }

        @Override
        public void onError(WebSocket connection, Exception e) {}

        @Override
        public void onStart()
        {
            started.countDown();
        }
    }
}
