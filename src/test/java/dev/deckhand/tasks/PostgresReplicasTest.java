package dev.deckhand.tasks;

import dev.deckhand.testing.TestingDeckhand;
import dev.deckhand.testing.TestingPostgres;
import dev.deckhand.testing.TestingSlack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The durable-work suite on two Deckhand replicas sharing one real PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresReplicasTest
        extends DurableWorkSuite
{
    @TempDir
    static Path directory;
    private TestingPostgres postgres;
    private TestingSlack slack;
    private TestingDeckhand first;
    private TestingDeckhand second;

    @BeforeAll
    void start()
            throws Exception
    {
        postgres = TestingPostgres.start();
        slack = new TestingSlack();
        TestingDeckhand.prepare(directory, CONFIG, SCRIPTS);
        Map<String, String> environment = new HashMap<>(FAST_PACING);
        environment.put("DECKHAND_DB_URL", postgres.createDatabase("deckhand"));
        first = TestingDeckhand.replica(directory, slack, environment, List.of(testWork()));
        second = TestingDeckhand.replica(directory, slack, environment, List.of(testWork()));
    }

    @AfterAll
    void stop()
    {
        second.close();
        first.close();
        slack.close();
        postgres.close();
    }

    @Override
    TestingDeckhand first()
    {
        return first;
    }

    @Override
    TestingDeckhand second()
    {
        return second;
    }

    @Override
    TestingSlack slack()
    {
        return slack;
    }
}
