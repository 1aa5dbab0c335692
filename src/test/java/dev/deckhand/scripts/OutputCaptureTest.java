package dev.deckhand.scripts;

import dev.deckhand.audit.Masker;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

class OutputCaptureTest
{
    private static final int MEGABYTE = 1024 * 1024;

    @Test
    void masksTokensAndSecretValuesInTailAndFile()
            throws IOException
    {
        try (OutputCapture capture = new OutputCapture(new Masker(List.of("hunter2-secret")), 10, MEGABYTE)) {
            capture.accept("token xoxb-123456-abcdef and password hunter2-secret");
            capture.finish();

            assertThat(capture.tail()).containsExactly("token ****** and password ******");
            assertThat(Files.readString(capture.file())).isEqualTo("token ****** and password ******\n");
        }
    }

    @Test
    void theListenerHearsEveryMaskedLineWholeAndAFailingOneStopsNothing()
            throws IOException
    {
        List<String> heard = new ArrayList<>();
        String longLine = "b".repeat(OutputCapture.MAX_TAIL_LINE_CHARS + 10);
        try (OutputCapture capture = new OutputCapture(new Masker(List.of("hunter2-secret")), 10, MEGABYTE, line -> {
            heard.add(line);
            if (line.equals("boom")) {
                throw new IllegalStateException("listener failed");
            }
        })) {
            capture.accept("password hunter2-secret");
            capture.accept("boom");
            capture.accept(longLine);

            assertThat(heard).containsExactly("password ******", "boom", longLine);
            assertThat(capture.lines()).isEqualTo(3);
        }
    }

    @Test
    void keptIsTheFileSoFarWithoutTheTruncationNote()
            throws IOException
    {
        try (OutputCapture capture = new OutputCapture(Masker.tokensOnly(), 10, "first\nsecond\n".length())) {
            capture.accept("first");
            capture.accept("second");
            capture.accept("third");

            assertThat(capture.kept()).isEqualTo("first\nsecond\n");
            assertThat(capture.truncated()).isTrue();
            capture.finish();
            assertThat(Files.readString(capture.file())).startsWith("first\nsecond\n[Deckhand kept the first");
        }
    }

    @Test
    void masksBeforeCuttingSoNoTokenPrefixSurvives()
            throws IOException
    {
        try (OutputCapture capture = new OutputCapture(Masker.tokensOnly(), 10, MEGABYTE)) {
            // Cut first, the tail would end in "xoxb-12345", too short for the token pattern.
            capture.accept("a".repeat(1988) + " xoxb-123456-abcdef" + " tail".repeat(10));

            assertThat(capture.tail().get(0))
                    .doesNotContain("xoxb")
                    .contains(" ****** tai")
                    .hasSize(OutputCapture.MAX_TAIL_LINE_CHARS)
                    .endsWith(OutputCapture.ELLIPSIS);
        }
    }

    @Test
    void tailKeepsOnlyTheLastLines()
            throws IOException
    {
        try (OutputCapture capture = new OutputCapture(Masker.tokensOnly(), 3, MEGABYTE)) {
            IntStream.range(0, 10).forEach(i -> capture.accept("line " + i));

            assertThat(capture.tail()).containsExactly("line 7", "line 8", "line 9");
            assertThat(capture.lines()).isEqualTo(10);
            assertThat(capture.version()).isEqualTo(10);
            assertThat(capture.bytes()).isEqualTo(10 * "line 0\n".length());
            assertThat(capture.truncated()).isFalse();
        }
    }

    @Test
    void countsUtf8BytesIncludingNewlines()
            throws IOException
    {
        try (OutputCapture capture = new OutputCapture(Masker.tokensOnly(), 3, MEGABYTE)) {
            capture.accept("héllo 배포");

            assertThat(capture.bytes()).isEqualTo("héllo 배포\n".getBytes(UTF_8).length);
        }
    }

    @Test
    void cutsALongLineInTheTailButKeepsItWholeInTheFile()
            throws IOException
    {
        try (OutputCapture capture = new OutputCapture(Masker.tokensOnly(), 3, MEGABYTE)) {
            capture.accept("x".repeat(5000));
            capture.finish();

            String shown = capture.tail().get(0);
            assertThat(shown).hasSize(OutputCapture.MAX_TAIL_LINE_CHARS).endsWith(OutputCapture.ELLIPSIS);
            assertThat(Files.readString(capture.file())).isEqualTo("x".repeat(5000) + "\n");
        }
    }

    @Test
    void stopsTheFileAtTheCapAndSaysHowMuchWasNotKept()
            throws IOException
    {
        try (OutputCapture capture = new OutputCapture(Masker.tokensOnly(), 5, MEGABYTE)) {
            String line = "y".repeat(999);
            IntStream.range(0, 1100).forEach(i -> capture.accept(line));
            long keptLines = MEGABYTE / 1000;
            assertThat(capture.truncated()).isTrue();
            assertThat(Files.size(capture.file())).isLessThanOrEqualTo(MEGABYTE);

            capture.finish();
            capture.finish();

            List<String> written = Files.readAllLines(capture.file());
            assertThat(written).hasSize((int) keptLines + 1);
            assertThat(written.get(written.size() - 1))
                    .isEqualTo("[Deckhand kept the first 1 MB; " + (1100 - keptLines) * 1000 + " more bytes were not kept]");
            assertThat(capture.tail()).hasSize(5);
            assertThat(capture.bytes()).isEqualTo(1100 * 1000);
        }
    }

    @Test
    void writesNoNoteWhenNothingWasDropped()
            throws IOException
    {
        try (OutputCapture capture = new OutputCapture(Masker.tokensOnly(), 5, MEGABYTE)) {
            capture.accept("only line");
            capture.finish();

            assertThat(Files.readAllLines(capture.file())).containsExactly("only line");
        }
    }

    @Test
    void closeDeletesTheFileAndLaterLinesAreHarmless()
            throws IOException
    {
        OutputCapture capture = new OutputCapture(Masker.tokensOnly(), 5, MEGABYTE);
        capture.accept("before");
        assertThat(capture.file()).exists();

        capture.close();
        capture.close();
        capture.accept("after");
        capture.finish();

        assertThat(capture.file()).doesNotExist();
        assertThat(capture.tail()).containsExactly("before", "after");
    }

    @Test
    void acceptsLinesFromManyThreads()
            throws IOException
    {
        try (OutputCapture capture = new OutputCapture(Masker.tokensOnly(), 100, 100L * MEGABYTE)) {
            List<CompletableFuture<Void>> writers = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                String prefix = "thread " + thread + " line ";
                writers.add(CompletableFuture.runAsync(() -> IntStream.range(0, 10_000).forEach(i -> capture.accept(prefix + i))));
            }
            writers.forEach(CompletableFuture::join);
            capture.finish();

            assertThat(capture.lines()).isEqualTo(40_000);
            assertThat(capture.version()).isEqualTo(40_000);
            assertThat(Files.readAllLines(capture.file())).hasSize(40_000);
            assertThat(capture.tail()).hasSize(100);
        }
    }
}
