package dev.deckhand.slack;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.ProvidesIntoSet;
import com.slack.api.bolt.App;
import dev.deckhand.lifecycle.Managed;

/** Socket Mode (SLACK_APP_TOKEN): bound last, so Slack's requests arrive only once everything else runs. */
public final class SocketModeModule
        extends AbstractModule
{
    @ProvidesIntoSet
    static Managed socketMode(SlackSettings settings, App app)
    {
        return new SocketMode(app, settings.appToken().orElseThrow());
    }
}
