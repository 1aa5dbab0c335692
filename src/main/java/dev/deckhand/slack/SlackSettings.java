package dev.deckhand.slack;

import dev.deckhand.config.Environment;
import dev.deckhand.config.Secret;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** Slack credentials and endpoint, from the environment. */
public record SlackSettings(Optional<Secret> signingSecret, Optional<Secret> botToken, String apiUrl)
{
    public SlackSettings
    {
        requireNonNull(signingSecret, "signingSecret is null");
        requireNonNull(botToken, "botToken is null");
        requireNonNull(apiUrl, "apiUrl is null");
    }

    public static SlackSettings from(Environment environment)
    {
        return new SlackSettings(
                environment.secret(Environment.SIGNING_SECRET),
                environment.secret(Environment.BOT_TOKEN),
                environment.slackApiUrl());
    }
}
