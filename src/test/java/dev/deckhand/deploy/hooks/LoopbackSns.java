package dev.deckhand.deploy.hooks;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.deckhand.testing.TestingSns;

/** An override of {@link HooksModule}'s trust rule: certificates and confirmations from {@code sns}'s loopback server, and nothing else. */
public final class LoopbackSns
{
    private LoopbackSns() {}

    public static Module trusting(TestingSns sns)
    {
        return new AbstractModule()
        {
            @Provides
            @Singleton
            SnsFetch snsFetch()
            {
                return new SnsFetch(sns::serves);
            }
        };
    }
}
