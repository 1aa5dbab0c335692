package dev.deckhand.jobs;

import dev.deckhand.testing.TestingDeckhand;
import dev.deckhand.testing.TestingPostgres;
import dev.deckhand.testing.TestingSlack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A ping's body is any bytes (HC keeps bad Unicode, test_it_accepts_bad_unicode): on PostgreSQL, whose text
 * cannot hold a NUL, it is still a recorded run with its log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PingsOnPostgresTest
{
    private static final String CONFIG = """
            timezone: UTC
            slack: { channel: "#ops" }
            access: { admins: [U0ADMIN] }
            jobs:
              - name: binary
                every: 1h
                channel: "#binary"
            """;

    @TempDir
    static Path directory;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private TestingPostgres postgres;
    private TestingSlack slack;
    private TestingDeckhand deckhand;

    @BeforeAll
    void start()
            throws Exception
    {
        postgres = TestingPostgres.start();
        slack = new TestingSlack();
        TestingDeckhand.prepare(directory, CONFIG, Map.of());
        deckhand = TestingDeckhand.replica(directory, slack, Map.of("DECKHAND_DB_URL", postgres.createDatabase("pings")), List.of());
    }

    @AfterAll
    void stop()
    {
        try {
            deckhand.close();
            slack.close();
        }
        finally {
            postgres.close();
        }
    }

    @Test
    void aBodyOfAnyBytesIsTheRunsLog()
            throws Exception
    {
        String rid = UUID.randomUUID().toString();
        ByteArrayOutputStream start = new ByteArrayOutputStream();
        start.writeBytes("tar: ".getBytes(StandardCharsets.UTF_8));
        start.writeBytes(new byte[] {0, (byte) 0xff, (byte) 0xfe, 0x41});
        assertThat(post("/ping/binary/start?rid=" + rid, start.toByteArray()).statusCode()).isEqualTo(200);
        assertThat(post("/ping/binary/log?rid=" + rid, new byte[] {'a', 0, 'b'}).statusCode()).isEqualTo(200);
        // 9,999 ASCII bytes and the first byte of a 3-byte character: the limit cuts the character.
        byte[] end = ("x".repeat(9_999) + "가").getBytes(StandardCharsets.UTF_8);
        assertThat(post("/ping/binary/0?rid=" + rid, end).statusCode()).isEqualTo(200);

        JobStore store = deckhand.instance(JobStore.class);
        List<JobRunRecord> runs = store.runs("binary", 10);
        assertThat(runs).singleElement().satisfies(run -> {
            assertThat(run.running()).isFalse();
            assertThat(run.outcome()).contains(JobOutcome.SUCCEEDED);
        });
        String output = store.output(runs.get(0).id()).orElseThrow();
        assertThat(output).startsWith("tar: ").contains("A\na").contains("b\nxxx").doesNotContain("\0").doesNotContain("가");
        assertThat(store.pings("binary", 10)).hasSize(3);
    }

    private HttpResponse<String> post(String path, byte[] body)
            throws Exception
    {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + deckhand.port() + path)).timeout(Duration.ofSeconds(10))
                .POST(BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
