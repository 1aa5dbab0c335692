package dev.deckhand.aws;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** Paging through an AWS list call by its next token: one call per page, in order, until a page has no token. */
final class Pages
{
    /** Far beyond any fleet or repository Deckhand serves; a loop is a bug, not a big account. */
    static final int MAX_PAGES = 1000;

    private Pages() {}

    /** {@code fetch} gets the page after a token (none for the first); {@code nextToken} reads a page's token (null or empty at the end). */
    static <P> List<P> all(Function<Optional<String>, P> fetch, Function<P, String> nextToken)
    {
        List<P> pages = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Optional<String> token = Optional.empty();
        do {
            P page = fetch.apply(token);
            pages.add(page);
            token = Optional.ofNullable(nextToken.apply(page)).filter(text -> !text.isEmpty());
            if (token.isPresent() && (!seen.add(token.get()) || pages.size() >= MAX_PAGES)) {
                throw new IllegalStateException("AWS paging does not end: token " + token.get() + " after " + pages.size() + " pages");
            }
        }
        while (token.isPresent());
        return pages;
    }
}
