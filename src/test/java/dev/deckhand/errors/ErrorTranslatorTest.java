package dev.deckhand.errors;

import dev.deckhand.chat.ChatException;
import dev.deckhand.store.StoreException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorTranslatorTest
{
    private final ErrorTranslator translator = new ErrorTranslator();

    @Test
    void userErrorsBecomeHints()
    {
        assertThat(translator.translate("/run", new UserError("`name` must match [a-z]+")))
                .isEqualTo(new ErrorTranslator.Translation(Category.REJECTED, ":warning: `name` must match [a-z]+"));
        assertThat(translator.translate("/run", new AccessDenied("you need to be in group 'ops'")).outcome()).isEqualTo("refused");
    }

    @Test
    void serviceFailuresAreSaidPlainlyWithWhatToDo()
    {
        ErrorTranslator.Translation notInChannel = translator.translate("Running hello", ChatException.refused("chat.postMessage", "not_in_channel"));
        ErrorTranslator.Translation down = translator.translate("Running hello", ChatException.unreachable("chat.postMessage", new IOException("timeout")));

        assertThat(notInChannel.outcome()).isEqualTo("unavailable");
        assertThat(notInChannel.text())
                .isEqualTo(":x: Running hello failed: Slack refused chat.postMessage: not_in_channel. Deckhand is not in this channel: type `/invite @Deckhand` here, then try again.");
        assertThat(down.text()).endsWith("Nothing else was changed; try again in a minute.");
    }

    @Test
    void aStoreThatDoesNotAnswerIsSaidWithoutItsTechnicalDetail()
    {
        StoreException down = new StoreException(new SQLTransientConnectionException("deckhand-store - Connection is not available, request timed out after 2000ms"));
        StoreException refused = new StoreException(new SQLException("value too long for column", "22001"));

        ErrorTranslator.Translation translation = translator.translate("/run", down);

        assertThat(translation.outcome()).isEqualTo("unavailable");
        assertThat(translation.text()).isEqualTo(":x: /run failed: Deckhand's database does not answer. "
                + "Try again in a minute; if it lasts, tell an admin (Deckhand's `/healthz` shows the store).");
        assertThat(translator.translate("/run", refused).text()).startsWith(":x: /run failed: Deckhand's database could not do it. ")
                .doesNotContain("22001").doesNotContain("column");
    }

    @Test
    void bugsGetARefAndNoDetails()
    {
        ErrorTranslator.Translation bug = translator.translate("/run", new IllegalStateException("secret internal detail"));

        assertThat(bug.outcome()).isEqualTo("failed");
        assertThat(bug.text())
                .matches(":x: /run failed, ref [0-9a-f]{8}\\. This is a bug in Deckhand; tell an admin the ref\\.")
                .doesNotContain("secret internal detail")
                .doesNotContain("IllegalStateException");
    }
}
