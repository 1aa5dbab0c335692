package dev.deckhand.tasks;

import dev.deckhand.testing.TestingPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.util.concurrent.atomic.AtomicInteger;

/** The scheduled-work suite on two replicas sharing one real PostgreSQL: a hand-over goes to the other replica. */
class PostgresScheduledWorkTest
        extends ScheduledWorkSuite
{
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static TestingPostgres postgres;

    @BeforeAll
    static void startPostgres()
    {
        postgres = TestingPostgres.start();
    }

    @AfterAll
    static void stopPostgres()
    {
        postgres.close();
    }

    @Override
    String newDatabase()
    {
        return postgres.createDatabase("engine_" + DATABASES.incrementAndGet());
    }

    @Override
    int replicaCount()
    {
        return 2;
    }
}
