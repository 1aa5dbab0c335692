package dev.deckhand.scripts;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.util.Optional;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

// Unlike BufferedReader.readLine, a line never grows past maxChars: a script printing a
// gigabyte without a newline must not take the heap with it. Bad UTF-8 becomes U+FFFD.
final class LineReader
        implements Closeable
{
    private final Reader reader;
    private final int maxChars;
    private final char[] buffer = new char[8192];
    private final StringBuilder line = new StringBuilder();
    private int position;
    private int limit;

    LineReader(InputStream in, int maxChars)
    {
        requireNonNull(in, "in is null");
        if (maxChars < 2) {
            throw new IllegalArgumentException("maxChars must be at least 2");
        }
        this.reader = new InputStreamReader(in, UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE));
        this.maxChars = maxChars;
    }

    // The next line without its line break; empty at the end of the stream.
    Optional<String> next()
            throws IOException
    {
        while (true) {
            if (position == limit && !fill()) {
                return line.isEmpty() ? Optional.empty() : Optional.of(take());
            }
            int start = position;
            int room = maxChars - line.length();
            while (position < limit && buffer[position] != '\n' && position - start < room) {
                position++;
            }
            line.append(buffer, start, position - start);
            if (position < limit && buffer[position] == '\n') {
                position++;
                return Optional.of(stripCarriageReturn(take()));
            }
            if (line.length() >= maxChars) {
                return Optional.of(takeFull());
            }
        }
    }

    @Override
    public void close()
            throws IOException
    {
        reader.close();
    }

    private boolean fill()
            throws IOException
    {
        int read = reader.read(buffer, 0, buffer.length);
        position = 0;
        limit = Math.max(read, 0);
        return read > 0;
    }

    // Keeps a surrogate pair together so neither piece of a split line holds half a character.
    private String takeFull()
    {
        char last = line.charAt(line.length() - 1);
        if (!Character.isHighSurrogate(last)) {
            return take();
        }
        line.setLength(line.length() - 1);
        String full = take();
        line.append(last);
        return full;
    }

    private String take()
    {
        String taken = line.toString();
        line.setLength(0);
        return taken;
    }

    private static String stripCarriageReturn(String text)
    {
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
}
