package dev.deckhand.scripts;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

class LineReaderTest
{
    @Test
    void splitsOnNewlinesKeepingEmptyLinesAndTheLastUnterminatedOne()
            throws IOException
    {
        assertThat(lines("one\r\n\ntwo\nthree".getBytes(UTF_8), 100)).containsExactly("one", "", "two", "three");
    }

    @Test
    void endsWithoutAnExtraLineAfterAFinalNewline()
            throws IOException
    {
        assertThat(lines("one\n".getBytes(UTF_8), 100)).containsExactly("one");
        assertThat(lines(new byte[0], 100)).isEmpty();
    }

    @Test
    void splitsALineLongerThanTheLimit()
            throws IOException
    {
        String longLine = "a".repeat(25_000);

        List<String> lines = lines((longLine + "\nb").getBytes(UTF_8), 10_000);

        assertThat(lines).containsExactly("a".repeat(10_000), "a".repeat(10_000), "a".repeat(5_000), "b");
    }

    @Test
    void keepsSurrogatePairsTogetherWhenSplitting()
            throws IOException
    {
        List<String> lines = lines(("ab😀cd").getBytes(UTF_8), 3);

        assertThat(lines).containsExactly("ab", "😀c", "d");
    }

    @Test
    void replacesMalformedUtf8()
            throws IOException
    {
        byte[] bytes = {'o', 'k', (byte) 0xC3, '\n', (byte) 0xFF, 'x'};

        assertThat(lines(bytes, 100)).containsExactly("ok\uFFFD", "\uFFFDx");
    }

    private static List<String> lines(byte[] bytes, int maxChars)
            throws IOException
    {
        List<String> lines = new ArrayList<>();
        try (LineReader reader = new LineReader(new ByteArrayInputStream(bytes), maxChars)) {
            for (Optional<String> line = reader.next(); line.isPresent(); line = reader.next()) {
                lines.add(line.get());
            }
        }
        return lines;
    }
}
