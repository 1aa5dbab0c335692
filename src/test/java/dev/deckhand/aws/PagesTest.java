package dev.deckhand.aws;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Paging by next token: one fetch per page, in order, ending at the first page without a token. */
class PagesTest
{
    @Test
    void eachPageIsFetchedOnceWithThePreviousPagesToken()
    {
        List<Optional<String>> asked = new ArrayList<>();
        List<Page> pages = Pages.all(token -> {
            asked.add(token);
            int next = token.map(Integer::parseInt).orElse(0) + 1;
            return new Page(next, next < 4 ? Integer.toString(next) : null);
        }, Page::next);

        assertThat(pages).extracting(Page::number).containsExactly(1, 2, 3, 4);
        assertThat(asked).containsExactly(Optional.empty(), Optional.of("1"), Optional.of("2"), Optional.of("3"));
    }

    @Test
    void anEmptyTokenEndsLikeNone()
    {
        assertThat(Pages.all(token -> new Page(1, ""), Page::next)).hasSize(1);
    }

    @Test
    void aTokenThatComesBackIsALoopNotABigAccount()
    {
        assertThatThrownBy(() -> Pages.all(token -> new Page(1, "same"), Page::next))
                .isInstanceOf(IllegalStateException.class).hasMessage("AWS paging does not end: token same after 2 pages");
    }

    private record Page(int number, String next) {}
}
