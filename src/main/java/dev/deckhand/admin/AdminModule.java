package dev.deckhand.admin;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import dev.deckhand.interaction.SlashCommand;

/** {@code /deckhand}: help, audit and reload. */
public final class AdminModule
        extends AbstractModule
{
    @Override
    protected void configure()
    {
        bind(DeckhandCommand.class).in(Singleton.class);
        Multibinder.newSetBinder(binder(), SlashCommand.class).addBinding().to(DeckhandCommand.class);
    }
}
