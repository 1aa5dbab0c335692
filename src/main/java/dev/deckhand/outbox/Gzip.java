package dev.deckhand.outbox;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** Files kept in the outbox are compressed: run output shrinks several times over. */
final class Gzip
{
    private Gzip() {}

    static byte[] compress(Path file)
    {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (InputStream in = Files.newInputStream(file); OutputStream out = new GZIPOutputStream(compressed)) {
            in.transferTo(out);
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
        return compressed.toByteArray();
    }

    static byte[] decompress(byte[] compressed)
    {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            return in.readAllBytes();
        }
        catch (IOException e) {
            throw new UncheckedIOException("stored file is not gzip", e);
        }
    }
}
