package dev.deckhand.slack;

import dev.deckhand.config.Environment;
import dev.deckhand.config.Secret;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Slack credentials and endpoint, from the environment. Requests come over HTTP when there is
 * a signing secret, over Socket Mode when there is an app-level token, or both.
 */
public record SlackSettings(Optional<Secret> signingSecret, Optional<Secret> botToken, Optional<Secret> appToken, String apiUrl)
{
    public SlackSettings
    {
        requireNonNull(signingSecret, "signingSecret is null");
        requireNonNull(botToken, "botToken is null");
        requireNonNull(appToken, "appToken is null");
        requireNonNull(apiUrl, "apiUrl is null");
    }

    public static SlackSettings from(Environment environment)
    {
        return new SlackSettings(
                environment.secret(Environment.SIGNING_SECRET),
                environment.secret(Environment.BOT_TOKEN),
                environment.secret(Environment.APP_TOKEN),
                environment.slackApiUrl());
    }
}
