package dev.deckhand.deploy.hooks;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.ProvidesIntoSet;
import dev.deckhand.config.ConfigHolder;
import dev.deckhand.lifecycle.Managed;
import dev.deckhand.lifecycle.StartFailure;
import dev.deckhand.web.HttpEndpoint;

import java.time.Clock;
import java.util.function.Supplier;

/**
 * {@code POST /hooks/ecr}: pushes to ECR reported by CI with {@code hooks.token} or by SNS, checked,
 * and handed to {@link ImagePushes}. Binds the endpoint and the SNS verifier only; the app must also
 * <ul>
 *   <li>bind {@link ImagePushes}: the receiver, which de-duplicates and announces, is not this module's;</li>
 *   <li>list {@link HooksSection} among the config sections, whose value is read on every request
 *       (a reloaded token or topic list takes effect at once);</li>
 *   <li>provide {@link ConfigHolder} and {@link Clock}, and the {@link HttpEndpoint} and {@link Managed}
 *       Multibinders (the platform and web modules do).</li>
 * </ul>
 * Nothing here does I/O or starts a thread while the injector is made: the HTTP client for
 * certificates and confirmations is made on first use.
 */
public final class HooksModule
        extends AbstractModule
{
    @Override
    protected void configure()
    {
        requireBinding(ImagePushes.class);
    }

    @Provides
    @Singleton
    static SnsFetch snsFetch()
    {
        return new SnsFetch(SnsTrust.amazon());
    }

    @Provides
    @Singleton
    static SnsVerifier snsVerifier(ConfigHolder config, SnsFetch fetch, Clock clock)
    {
        return new SnsVerifier(hooks(config), fetch, clock);
    }

    @ProvidesIntoSet
    static HttpEndpoint ecrHook(ConfigHolder config, SnsVerifier verifier, SnsFetch fetch, ImagePushes pushes, Clock clock)
    {
        return new HttpEndpoint(EcrHookServlet.PATH, new EcrHookServlet(hooks(config), verifier, fetch, pushes, clock));
    }

    /** At start, says plainly when the section is missing (rather than a 500 on the first push); at stop, ends the fetch threads. */
    @ProvidesIntoSet
    static Managed hooksLifecycle(ConfigHolder config, SnsFetch fetch)
    {
        return new Managed()
        {
            @Override
            public void start()
            {
                try {
                    config.current().section(HooksConfig.class);
                }
                catch (IllegalArgumentException e) {
                    throw new StartFailure("HooksModule is installed but HooksSection is not among the config sections; add it beside the module", e);
                }
            }

            @Override
            public void stop()
            {
                fetch.close();
            }
        };
    }

    private static Supplier<HooksConfig> hooks(ConfigHolder config)
    {
        return () -> config.current().section(HooksConfig.class);
    }
}
