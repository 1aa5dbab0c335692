package dev.deckhand.tasks;

import dev.deckhand.testing.TestingDeckhand;
import dev.deckhand.testing.TestingPostgres;
import dev.deckhand.testing.TestingSlack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class HealthWhenStoreIsDownTest
{
    @TempDir
    Path directory;

    @Test
    void healthzReportsStoreAndOutboxAndIs503WithoutTheStore()
            throws Exception
    {
        TestingPostgres postgres = TestingPostgres.start();
        try (TestingSlack slack = new TestingSlack()) {
            TestingDeckhand.prepare(directory, "scripts:\n  dir: @DIR@\n", Map.of());
            try (TestingDeckhand deckhand = TestingDeckhand.replica(directory, slack, Map.of("DECKHAND_DB_URL", postgres.createDatabase("health")), List.of())) {
                HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + deckhand.port() + "/healthz")).timeout(Duration.ofSeconds(20)).build();
                HttpClient client = HttpClient.newHttpClient();

                HttpResponse<String> up = client.send(health, HttpResponse.BodyHandlers.ofString());
                assertThat(up.statusCode()).isEqualTo(200);
                assertThat(up.body()).contains("\"store\":{\"healthy\":true").contains("\"outbox\":{\"healthy\":true,\"detail\":\"0 queued\"}");
                HttpResponse<String> metrics = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + deckhand.port() + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(metrics.body()).contains("deckhand_outbox_depth").contains("deckhand_tasks_lag_seconds").contains("deckhand_outbox_delivery_latency_seconds");

                postgres.close();

                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    HttpResponse<String> down = client.send(health, HttpResponse.BodyHandlers.ofString());
                    assertThat(down.statusCode()).isEqualTo(503);
                    assertThat(down.body()).contains("\"store\":{\"healthy\":false");
                });
            }
        }
    }
}
