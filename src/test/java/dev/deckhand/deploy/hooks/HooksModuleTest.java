package dev.deckhand.deploy.hooks;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.Stage;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.Multibinder;
import dev.deckhand.config.ConfigHolder;
import dev.deckhand.config.ConfigLoader;
import dev.deckhand.config.ConfigSection;
import dev.deckhand.config.Environment;
import dev.deckhand.lifecycle.Managed;
import dev.deckhand.lifecycle.StartFailure;
import dev.deckhand.web.HttpEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The module in an injector as strict as the app's: what it contributes, what it needs from others, and that it starts nothing. */
class HooksModuleTest
{
    @TempDir
    Path directory;

    @Test
    void contributesTheEndpointAndStartsNoThreadWhileTheInjectorIsMade()
            throws Exception
    {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        Injector injector = injector(List.of(new HooksSection()), new HooksModule(), binder -> binder.bind(ImagePushes.class).toInstance(push -> {}));

        assertThat(injector.getInstance(Key.get(new TypeLiteral<Set<HttpEndpoint>>() {}))).extracting(HttpEndpoint::pathSpec).containsExactly("/hooks/ecr");
        // Other tests' idle clients may still be about; none may be new.
        assertThat(Thread.getAllStackTraces().keySet()).filteredOn(thread -> !before.contains(thread)).extracting(Thread::getName)
                .noneMatch(name -> name.startsWith("deckhand-sns-http") || name.startsWith("HttpClient"));
        for (Managed managed : injector.getInstance(Key.get(new TypeLiteral<Set<Managed>>() {}))) {
            managed.start();
            managed.stop();
        }
    }

    @Test
    void needsAnImagePushesBindingFromElsewhere()
    {
        assertThatThrownBy(() -> injector(List.of(new HooksSection()), new HooksModule()))
                .isInstanceOf(CreationException.class).hasMessageContaining(ImagePushes.class.getName());
    }

    @Test
    void saysAtStartWhenItsSectionIsNotListed()
            throws Exception
    {
        Injector injector = injector(List.of(), new HooksModule(), binder -> binder.bind(ImagePushes.class).toInstance(push -> {}));

        Managed lifecycle = injector.getInstance(Key.get(new TypeLiteral<Set<Managed>>() {})).iterator().next();
        assertThatThrownBy(lifecycle::start).isInstanceOf(StartFailure.class).hasMessageContaining("HooksSection is not among the config sections");
    }

    private Injector injector(List<ConfigSection<?>> sections, Module... modules)
            throws IOException
    {
        Path file = Files.writeString(directory.resolve("deckhand.yml"), "{}\n");
        ConfigLoader loader = new ConfigLoader(new Environment(Map.of()), directory, sections);
        ConfigHolder holder = new ConfigHolder(loader, file, loader.load(file));
        Module platform = new AbstractModule()
        {
            @Override
            protected void configure()
            {
                binder().requireExplicitBindings();
                binder().disableCircularProxies();
                bind(ConfigHolder.class).toInstance(holder);
                bind(Clock.class).toInstance(Clock.systemUTC());
                Multibinder.newSetBinder(binder(), HttpEndpoint.class);
                Multibinder.newSetBinder(binder(), Managed.class);
            }
        };
        List<Module> all = new ArrayList<>(List.of(platform));
        all.addAll(List.of(modules));
        return Guice.createInjector(Stage.PRODUCTION, all);
    }
}
