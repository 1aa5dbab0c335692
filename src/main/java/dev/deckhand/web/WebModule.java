package dev.deckhand.web;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.ProvidesIntoSet;
import dev.deckhand.lifecycle.Managed;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.util.Set;

public final class WebModule
        extends AbstractModule
{
    @Override
    protected void configure()
    {
        Multibinder.newSetBinder(binder(), HttpEndpoint.class);
        Multibinder.newSetBinder(binder(), HealthCheck.class);
        Multibinder.newSetBinder(binder(), Managed.class).addBinding().to(WebServer.class);
        bind(WebServer.class).in(Singleton.class);
    }

    @ProvidesIntoSet
    static HttpEndpoint health(Set<HealthCheck> checks)
    {
        return new HttpEndpoint("/healthz", new HealthServlet(checks));
    }

    @ProvidesIntoSet
    static HttpEndpoint metrics(PrometheusMeterRegistry registry)
    {
        return new HttpEndpoint("/metrics", new MetricsServlet(registry));
    }
}
