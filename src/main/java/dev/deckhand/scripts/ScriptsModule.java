package dev.deckhand.scripts;

import com.google.inject.AbstractModule;

/** {@code /run}: central scripts. */
public final class ScriptsModule
        extends AbstractModule
{
    @Override
    protected void configure()
    {
    }
}
