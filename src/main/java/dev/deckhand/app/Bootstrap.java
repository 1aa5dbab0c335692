package dev.deckhand.app;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.Stage;
import com.google.inject.TypeLiteral;
import dev.deckhand.lifecycle.Managed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Creates the one strict injector and runs the lifecycle: everything {@link Managed} starts in
 * the order it was bound and stops in reverse.
 */
public final class Bootstrap
        implements AutoCloseable
{
    private static final Logger log = LoggerFactory.getLogger(Bootstrap.class);

    private final Injector injector;
    private final List<Managed> started = new ArrayList<>();

    public Bootstrap(List<Module> modules)
    {
        List<Module> all = new ArrayList<>(modules);
        all.add(binder -> {
            binder.requireExplicitBindings();
            binder.requireExactBindingAnnotations();
            binder.disableCircularProxies();
        });
        this.injector = Guice.createInjector(Stage.PRODUCTION, all);
    }

    public void start()
            throws Exception
    {
        for (Managed managed : injector.getInstance(Key.get(new TypeLiteral<Set<Managed>>() {}))) {
            managed.start();
            started.add(0, managed);
        }
    }

    /** The one way out of the injector, for the entry points (Main, tests) to reach their root object. */
    public <T> T instance(Class<T> type)
    {
        return injector.getInstance(type);
    }

    @Override
    public synchronized void close()
    {
        for (Managed managed : List.copyOf(started)) {
            try {
                managed.stop();
            }
            catch (Exception e) {
                log.warn("stopping {} failed: {}", managed.getClass().getName(), e.getMessage());
            }
            started.remove(managed);
        }
    }
}
