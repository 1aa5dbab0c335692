package dev.deckhand.tasks;

import dev.deckhand.testing.TestingDeckhand;
import dev.deckhand.testing.TestingSlack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

/** The durable-work suite on the single-instance default: one Deckhand on H2. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class H2DurableWorkTest
        extends DurableWorkSuite
{
    @TempDir
    static Path directory;
    private TestingSlack slack;
    private TestingDeckhand deckhand;

    @BeforeAll
    void start()
            throws Exception
    {
        slack = new TestingSlack();
        TestingDeckhand.prepare(directory, CONFIG, SCRIPTS);
        deckhand = TestingDeckhand.replica(directory, slack, FAST_PACING, List.of(testWork()));
    }

    @AfterAll
    void stop()
    {
        deckhand.close();
        slack.close();
    }

    @Override
    TestingDeckhand first()
    {
        return deckhand;
    }

    @Override
    TestingDeckhand second()
    {
        return deckhand;
    }

    @Override
    TestingSlack slack()
    {
        return slack;
    }
}
