package dev.deckhand.slack;

import dev.deckhand.config.Environment;
import dev.deckhand.config.EnvironmentReader;
import dev.deckhand.config.Secret;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Slack credentials and endpoint, from the environment. Requests come over HTTP when there is
 * a signing secret, over Socket Mode when there is an app-level token, or both.
 */
public record SlackSettings(Optional<Secret> signingSecret, Optional<Secret> botToken, Optional<Secret> appToken, String apiUrl)
{
    public static final String DEFAULT_API_URL = "https://slack.com/api/";

    public SlackSettings
    {
        requireNonNull(signingSecret, "signingSecret is null");
        requireNonNull(botToken, "botToken is null");
        requireNonNull(appToken, "appToken is null");
        requireNonNull(apiUrl, "apiUrl is null");
        apiUrl = apiUrl.endsWith("/") ? apiUrl : apiUrl + "/";
    }

    /** Token values are never repeated in a problem: the prefix tells what kind of token it is. */
    public static SlackSettings from(EnvironmentReader environment)
    {
        Optional<Secret> botToken = environment.secret(Environment.BOT_TOKEN);
        if (botToken.isPresent() && !botToken.get().value().startsWith("xoxb-")) {
            environment.problem(Environment.BOT_TOKEN, "is not a bot token (those start with xoxb-): copy it from OAuth & Permissions > Bot User OAuth Token");
            botToken = Optional.empty();
        }
        Optional<Secret> appToken = environment.secret(Environment.APP_TOKEN);
        if (appToken.isPresent() && !appToken.get().value().startsWith("xapp-")) {
            environment.problem("", "SLACK_APP_TOKEN must be an app-level token starting with xapp- (Basic Information > App-Level Tokens,"
                    + " scope connections:write); a bot token (xoxb-) goes in SLACK_BOT_TOKEN.");
            appToken = Optional.empty();
        }
        return new SlackSettings(environment.secret(Environment.SIGNING_SECRET), botToken, appToken,
                environment.url(Environment.API_URL, DEFAULT_API_URL));
    }

    /** {@code serve} takes Slack's requests over HTTP, Socket Mode or both, and needs what one of them needs. */
    public void requireAWayIn(EnvironmentReader environment)
    {
        if (signingSecret.isEmpty() && appToken.isEmpty() && environment.environment().get(Environment.APP_TOKEN).isEmpty()) {
            environment.problem("", "SLACK_SIGNING_SECRET is not set. Deckhand needs it to check that requests come from Slack.\n"
                    + "Set it from your Slack app's Basic Information page, or set SLACK_APP_TOKEN (xapp-…) to use Socket Mode,\n"
                    + "or try Deckhand locally with: java -jar target/deckhand.jar console");
        }
    }
}
