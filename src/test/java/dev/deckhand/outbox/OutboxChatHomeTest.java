package dev.deckhand.outbox;

import com.slack.api.model.view.View;
import dev.deckhand.chat.Chat;
import dev.deckhand.chat.ChatException;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

/** A Home tab publish is not queued: it goes straight to Slack, and is tried once more only when Slack asks for a short wait. */
class OutboxChatHomeTest
{
    private final OutboxStore store = mock(OutboxStore.class);
    private final Chat direct = mock(Chat.class);
    private final Chat chat = new OutboxChat(store, mock(ChatTransport.class), direct, new OutboxSignal(), Clock.systemUTC());
    private final View view = View.builder().type("home").build();

    @Test
    void aPublishGoesStraightThroughWithoutTheStore()
    {
        chat.publishHome("U0ONE", view);

        verify(direct).publishHome("U0ONE", view);
        verifyNoInteractions(store);
    }

    @Test
    void aShortRateLimitIsWaitedOutOnce()
    {
        doThrow(ChatException.rateLimited("views.publish", Optional.of(Duration.ofMillis(1)), null))
                .doNothing()
                .when(direct).publishHome(eq("U0ONE"), any());

        assertThatCode(() -> chat.publishHome("U0ONE", view)).doesNotThrowAnyException();
        verify(direct, times(2)).publishHome("U0ONE", view);
    }

    @Test
    void aSecondRateLimitIsThrown()
    {
        doThrow(ChatException.rateLimited("views.publish", Optional.empty(), null)).when(direct).publishHome(eq("U0ONE"), any());

        assertThatThrownBy(() -> chat.publishHome("U0ONE", view)).isInstanceOf(ChatException.class);
        verify(direct, times(2)).publishHome("U0ONE", view);
    }

    @Test
    void aLongRateLimitOrAnotherFailureIsThrownAtOnce()
    {
        doThrow(ChatException.rateLimited("views.publish", Optional.of(Duration.ofMinutes(1)), null)).when(direct).publishHome(eq("U0ONE"), any());
        doThrow(ChatException.refused("views.publish", "not_enabled")).when(direct).publishHome(eq("U0TWO"), any());

        assertThatThrownBy(() -> chat.publishHome("U0ONE", view)).isInstanceOf(ChatException.class).hasMessageContaining("429");
        assertThatThrownBy(() -> chat.publishHome("U0TWO", view)).isInstanceOf(ChatException.class).hasMessageContaining("not_enabled");
        verify(direct, times(1)).publishHome("U0ONE", view);
        verify(direct, times(1)).publishHome("U0TWO", view);
    }
}
