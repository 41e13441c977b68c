package dev.httpaudit.core.sink;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.AuditSink;
import dev.httpaudit.core.json.EventJsonWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Writes each event as one JSON object on its own line (JSON Lines), UTF-8. Safe for
 * concurrent use: an event is serialized first and its line written whole under a lock,
 * so lines never interleave.
 */
public final class JsonLinesAuditSink implements AuditSink {

    private static final byte NEWLINE = '\n';

    private final OutputStream out;
    private final boolean flushEachLine;
    private final boolean closeStream;
    private final Object lock = new Object();

    private JsonLinesAuditSink(OutputStream out, boolean flushEachLine, boolean closeStream) {
        this.out = Objects.requireNonNull(out, "out");
        this.flushEachLine = flushEachLine;
        this.closeStream = closeStream;
    }

    /**
     * Lines to a stream, flushed after each line. {@link #close()} flushes but leaves the
     * stream open (it belongs to the caller), so {@code System.out} is a fine target.
     */
    public static JsonLinesAuditSink toStream(OutputStream out) {
        return new JsonLinesAuditSink(out, true, false);
    }

    /**
     * Lines appended to a file (created with its folders if missing), buffered and flushed
     * by {@link #flush()} and {@link #close()}, and after each line.
     */
    public static JsonLinesAuditSink toFile(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            OutputStream stream = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE);
            return new JsonLinesAuditSink(new BufferedOutputStream(stream, 64 * 1024), true, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open audit file " + file, e);
        }
    }

    @Override
    public void write(AuditEvent event) {
        byte[] json = EventJsonWriter.instance().toJsonBytes(event);
        synchronized (lock) {
            try {
                out.write(json);
                out.write(NEWLINE);
                if (flushEachLine) {
                    out.flush();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write audit line", e);
            }
        }
    }

    @Override
    public void flush() {
        synchronized (lock) {
            try {
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot flush audit lines", e);
            }
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            try {
                out.flush();
                if (closeStream) {
                    out.close();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close audit lines", e);
            }
        }
    }
}
