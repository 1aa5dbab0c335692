package dev.deckhand.web;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** One Prometheus registry for every mode; {@link WebModule} serves it at /metrics. */
public final class MetricsModule
        extends AbstractModule
{
    @Provides
    @Singleton
    static PrometheusMeterRegistry prometheusRegistry()
    {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        return registry;
    }

    @Provides
    @Singleton
    static MeterRegistry meterRegistry(PrometheusMeterRegistry registry)
    {
        return registry;
    }

}
