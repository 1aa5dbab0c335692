package dev.deckhand.scripts;

import dev.deckhand.audit.Masker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Consumer;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

/** Output of one run: every line masked; the last lines in memory; the full masked output spilled to a temp file up to a cap. */
final class OutputCapture
        implements AutoCloseable
{
    static final int MAX_TAIL_LINE_CHARS = 2000;
    static final String ELLIPSIS = "…";

    private static final Logger log = LoggerFactory.getLogger(OutputCapture.class);
    private static final BigDecimal MEGABYTE = BigDecimal.valueOf(1024 * 1024);

    private final Masker masker;
    private final Consumer<String> listener;
    private final int tailLines;
    private final long maxFileBytes;
    private final Path file;
    private final OutputStream out;
    private final ArrayDeque<String> tail;
    private long lines;
    private long bytes;
    private long keptBytes;
    private long droppedBytes;
    private long version;
    private boolean truncated;
    private boolean writing = true;
    private boolean finished;
    private boolean closed;

    OutputCapture(Masker masker, int tailLines, long maxFileBytes)
            throws IOException
    {
        this(masker, tailLines, maxFileBytes, line -> {});
    }

    // listener hears every masked line, whole, in order.
    OutputCapture(Masker masker, int tailLines, long maxFileBytes, Consumer<String> listener)
            throws IOException
    {
        this.masker = requireNonNull(masker, "masker is null");
        this.listener = requireNonNull(listener, "listener is null");
        if (tailLines < 0) {
            throw new IllegalArgumentException("tailLines is negative: " + tailLines);
        }
        if (maxFileBytes < 0) {
            throw new IllegalArgumentException("maxFileBytes is negative: " + maxFileBytes);
        }
        this.tailLines = tailLines;
        this.maxFileBytes = maxFileBytes;
        this.tail = new ArrayDeque<>(Math.min(tailLines, 1024));
        this.file = Files.createTempFile("deckhand-run-", ".log");
        this.out = open(file);
    }

    void accept(String line)
    {
        requireNonNull(line, "line is null");
        // Mask before cutting: a cut through a token would leave a prefix no pattern matches.
        String masked = masker.mask(line);
        byte[] data = masked.getBytes(UTF_8);
        String shown = cut(masked);
        synchronized (this) {
            lines++;
            bytes += data.length + 1;
            version++;
            if (tailLines > 0) {
                if (tail.size() == tailLines) {
                    tail.removeFirst();
                }
                tail.addLast(shown);
            }
            write(data);
        }
        tell(masked);
    }

    // A failing listener must not stop the reading: the process would block on a full pipe.
    private void tell(String masked)
    {
        try {
            listener.accept(masked);
        }
        catch (RuntimeException e) {
            log.warn("an output listener failed", e);
        }
    }

    synchronized List<String> tail()
    {
        return List.copyOf(tail);
    }

    synchronized long lines()
    {
        return lines;
    }

    synchronized long bytes()
    {
        return bytes;
    }

    synchronized boolean truncated()
    {
        return truncated;
    }

    synchronized long version()
    {
        return version;
    }

    Path file()
    {
        return file;
    }

    /** The output kept in the file so far, without the truncation note; call it before {@link #finish()}. */
    synchronized String kept()
            throws IOException
    {
        if (finished || closed) {
            throw new IllegalStateException("the output file is already finished");
        }
        out.flush();
        return Files.readString(file, UTF_8);
    }

    synchronized void finish()
    {
        if (finished || closed) {
            return;
        }
        finished = true;
        try {
            if (truncated) {
                out.write(truncationNote().getBytes(UTF_8));
                out.write('\n');
            }
            out.close();
        }
        catch (IOException e) {
            log.warn("could not finish run output {}: {}", file, e.getMessage());
        }
        writing = false;
    }

    @Override
    public synchronized void close()
    {
        if (closed) {
            return;
        }
        closed = true;
        writing = false;
        try {
            out.close();
        }
        catch (IOException e) {
            log.debug("could not close run output {}: {}", file, e.getMessage());
        }
        try {
            Files.deleteIfExists(file);
        }
        catch (IOException e) {
            log.warn("could not delete run output {}: {}", file, e.getMessage());
        }
    }

    String truncationNote()
    {
        String kept = new BigDecimal(maxFileBytes).divide(MEGABYTE, 2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
        return "[Deckhand kept the first %s MB; %d more bytes were not kept]".formatted(kept, droppedBytes);
    }

    // Once one line does not fit, nothing more goes in, so the file is always a true prefix.
    private void write(byte[] data)
    {
        long size = data.length + 1L;
        if (writing && keptBytes + size > maxFileBytes) {
            writing = false;
            truncated = true;
        }
        if (!writing) {
            droppedBytes += size;
            return;
        }
        try {
            out.write(data);
            out.write('\n');
            keptBytes += size;
        }
        catch (IOException e) {
            log.warn("could not write run output {}, keeping only the tail: {}", file, e.getMessage());
            writing = false;
            truncated = true;
            droppedBytes += size;
        }
    }

    private static String cut(String line)
    {
        if (line.length() <= MAX_TAIL_LINE_CHARS) {
            return line;
        }
        int end = MAX_TAIL_LINE_CHARS - ELLIPSIS.length();
        if (Character.isHighSurrogate(line.charAt(end - 1))) {
            end--;
        }
        return line.substring(0, end) + ELLIPSIS;
    }

    private static OutputStream open(Path file)
            throws IOException
    {
        try {
            return new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024);
        }
        catch (IOException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }
}
