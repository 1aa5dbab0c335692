package dev.deckhand.chat;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorTranslatorTest
{
    private final ErrorTranslator translator = new ErrorTranslator();

    @Test
    void userErrorsBecomeHints()
    {
        assertThat(translator.translate("/run", new UserError("`name` must match [a-z]+")))
                .isEqualTo(new ErrorTranslator.Translation("rejected", Message.text(":warning: `name` must match [a-z]+")));
        assertThat(translator.translate("/run", new AccessDenied("you need to be in group 'ops'")).outcome()).isEqualTo("refused");
    }

    @Test
    void serviceFailuresAreSaidPlainlyWithWhatToDo()
    {
        ErrorTranslator.Translation notInChannel = translator.translate("Running hello", new ChatException("Slack refused chat.postMessage: not_in_channel"));
        ErrorTranslator.Translation down = translator.translate("Running hello", new ChatException("Slack could not be reached (chat.postMessage): timeout"));

        assertThat(notInChannel.outcome()).isEqualTo("unavailable");
        assertThat(notInChannel.message().text())
                .isEqualTo(":x: Running hello failed: Slack refused chat.postMessage: not_in_channel. Deckhand is not in this channel: type `/invite @Deckhand` here, then try again.");
        assertThat(down.message().text()).endsWith("Nothing else was changed; try again in a minute.");
    }

    @Test
    void bugsGetARefAndNoDetails()
    {
        ErrorTranslator.Translation bug = translator.translate("/run", new IllegalStateException("secret internal detail"));

        assertThat(bug.outcome()).isEqualTo("failed");
        assertThat(bug.message().text())
                .matches(":x: /run failed, ref [0-9a-f]{8}\\. This is a bug in Deckhand; tell an admin the ref\\.")
                .doesNotContain("secret internal detail")
                .doesNotContain("IllegalStateException");
    }
}
