package dev.deckhand.outbox;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.ProvidesIntoSet;
import dev.deckhand.config.ConfigHolder;
import dev.deckhand.errors.ErrorTranslator;
import dev.deckhand.lifecycle.Managed;
import dev.deckhand.store.Jdbc;
import dev.deckhand.tasks.TaskDefinition;
import dev.deckhand.web.HealthCheck;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;
import java.time.Duration;

/** The Slack outbox: stored, ordered, paced and retried deliveries, drained by one durable task. */
public final class OutboxModule
        extends AbstractModule
{
    @Override
    protected void configure()
    {
        bind(OutboxSignal.class).in(Singleton.class);
    }

    @Provides
    @Singleton
    static OutboxStore outboxStore(Jdbc jdbc)
    {
        return new OutboxStore(jdbc);
    }

    @Provides
    @Singleton
    static OutboxFailures outboxFailures(OutboxStore store, ConfigHolder config, ErrorTranslator translator, OutboxConfig outbox, Clock clock, MeterRegistry metrics)
    {
        return new OutboxFailures(store, config, translator, outbox, clock, metrics);
    }

    @Provides
    @Singleton
    static OutboxDrain outboxDrain(OutboxStore store, ChatTransport transport, OutboxFailures failures, OutboxSignal signal, OutboxConfig config, Clock clock, MeterRegistry metrics)
    {
        return new OutboxDrain(store, transport, failures, signal, config, clock, metrics);
    }

    @Provides
    @Singleton
    static Outbox outbox(OutboxStore store, OutboxSignal signal, OutboxFailures failures, Clock clock, MeterRegistry metrics)
    {
        Outbox outbox = new Outbox(store, signal, failures, clock);
        Gauge.builder("deckhand.outbox.depth", outbox, Outbox::depth).description("Slack posts and edits waiting to be delivered").register(metrics);
        return outbox;
    }

    @ProvidesIntoSet
    static TaskDefinition deliverOutbox(OutboxDrain drain)
    {
        return drain.task();
    }

    @ProvidesIntoSet
    static TaskDefinition forgetSettledMessages(Outbox outbox)
    {
        return outbox.housekeeping();
    }

    @ProvidesIntoSet
    static HealthCheck outboxHealth(Outbox outbox)
    {
        return outbox.health();
    }

    /**
     * At stop, before the scheduler stops (it is bound after it): work in flight has queued its
     * last messages by now; they get a bounded time to leave. Then the drain ends its turn.
     */
    @ProvidesIntoSet
    static Managed drainAtStop(OutboxDrain drain, Outbox outbox)
    {
        return new Managed()
        {
            @Override
            public void start() {}

            @Override
            public void stop()
            {
                try {
                    outbox.awaitEmpty(Duration.ofSeconds(10));
                }
                finally {
                    // Also when the store does not answer: the scheduler's threads must end.
                    drain.stop();
                }
            }
        };
    }
}
