package dev.httpaudit.core.sink;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.AuditSink;
import dev.httpaudit.core.json.EventJsonWriter;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;

/**
 * Writes each event as one JSON object on its own line (JSON Lines), UTF-8. Safe for
 * concurrent use: an event is serialized first and its line written whole under a lock, so
 * lines never interleave.
 *
 * <p>To a file, it can rotate by size: when a line would take the file past
 * {@code maxFileBytes}, the file becomes {@code name.1}, an older {@code name.1} becomes
 * {@code name.2}, and so on, keeping {@code maxHistory} old files. A line is never split
 * across files.
 */
public final class JsonLinesAuditSink implements AuditSink {

    /** The default number of rotated files kept. */
    public static final int DEFAULT_MAX_HISTORY = 5;

    private static final byte NEWLINE = '\n';
    private static final int BUFFER_SIZE = 64 * 1024;

    private final Object lock = new Object();
    private final boolean flushEachLine;
    private final boolean closeStream;
    // File mode only (file != null):
    private final Path file;
    private final long maxFileBytes;
    private final int maxHistory;
    private final boolean fsync;
    private FileOutputStream fileStream;
    private long fileBytes;
    private OutputStream out;

    private JsonLinesAuditSink(OutputStream out, boolean flushEachLine) {
        this.out = Objects.requireNonNull(out, "out");
        this.flushEachLine = flushEachLine;
        this.closeStream = false;
        this.file = null;
        this.maxFileBytes = Long.MAX_VALUE;
        this.maxHistory = 0;
        this.fsync = false;
    }

    private JsonLinesAuditSink(FileBuilder builder) {
        this.file = builder.file;
        this.flushEachLine = builder.flushEachLine;
        this.closeStream = true;
        this.maxFileBytes = builder.maxFileBytes;
        this.maxHistory = builder.maxHistory;
        this.fsync = builder.fsync;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            openFile();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open audit file " + file, e);
        }
    }

    /**
     * Lines to a stream, flushed after each line. {@link #close()} flushes but leaves the
     * stream open (it belongs to the caller), so {@code System.out} is a fine target.
     */
    public static JsonLinesAuditSink toStream(OutputStream out) {
        return new JsonLinesAuditSink(out, true);
    }

    /** Lines appended to a file (created with its folders), flushed after each line, never rotated. */
    public static JsonLinesAuditSink toFile(Path file) {
        return file(file).build();
    }

    /** A builder for a file sink with rotation, fsync and flush options. */
    public static FileBuilder file(Path file) {
        return new FileBuilder(file);
    }

    @Override
    public void write(AuditEvent event) {
        byte[] json = EventJsonWriter.instance().toJsonBytes(event);
        synchronized (lock) {
            try {
                if (file != null && fileBytes > 0 && fileBytes + json.length + 1 > maxFileBytes) {
                    rotate();
                }
                out.write(json);
                out.write(NEWLINE);
                fileBytes += json.length + 1L;
                if (flushEachLine) {
                    out.flush();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write audit line", e);
            }
        }
    }

    /** Writes out buffered lines, and forces them to disk when fsync is on. */
    @Override
    public void flush() {
        synchronized (lock) {
            try {
                out.flush();
                if (fsync && fileStream != null) {
                    fileStream.getChannel().force(false);
                }
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
                if (fsync && fileStream != null) {
                    fileStream.getChannel().force(false);
                }
                if (closeStream) {
                    out.close();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close audit lines", e);
            }
        }
    }

    private void openFile() throws IOException {
        fileStream = new FileOutputStream(file.toFile(), true);
        fileBytes = Files.size(file);
        out = new BufferedOutputStream(fileStream, BUFFER_SIZE);
    }

    private void rotate() throws IOException {
        out.flush();
        if (fsync) {
            fileStream.getChannel().force(false);
        }
        out.close();
        if (maxHistory == 0) {
            Files.delete(file);
        } else {
            Files.deleteIfExists(rotated(maxHistory));
            for (int i = maxHistory - 1; i >= 1; i--) {
                Path older = rotated(i);
                if (Files.exists(older)) {
                    Files.move(older, rotated(i + 1), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.move(file, rotated(1), StandardCopyOption.REPLACE_EXISTING);
        }
        openFile();
    }

    private Path rotated(int index) {
        return file.resolveSibling(file.getFileName() + "." + index);
    }

    /** Builds a file {@link JsonLinesAuditSink}. */
    public static final class FileBuilder {
        private final Path file;
        private long maxFileBytes = Long.MAX_VALUE;
        private int maxHistory = DEFAULT_MAX_HISTORY;
        private boolean fsync;
        private boolean flushEachLine = true;

        private FileBuilder(Path file) {
            this.file = Objects.requireNonNull(file, "file");
        }

        /** Rotate when the file would grow past this size (default: never). */
        public FileBuilder maxFileBytes(long maxFileBytes) {
            if (maxFileBytes < 1) {
                throw new IllegalArgumentException("max file size must be positive, was " + maxFileBytes);
            }
            this.maxFileBytes = maxFileBytes;
            return this;
        }

        /** How many rotated files to keep (default 5; 0 keeps none). */
        public FileBuilder maxHistory(int maxHistory) {
            if (maxHistory < 0) {
                throw new IllegalArgumentException("max history must not be negative, was " + maxHistory);
            }
            this.maxHistory = maxHistory;
            return this;
        }

        /** Force lines to disk on every {@link #flush()} (default false). */
        public FileBuilder fsync(boolean fsync) {
            this.fsync = fsync;
            return this;
        }

        /**
         * Flush after every line (default true). Behind an {@link AsyncAuditSink}, which
         * flushes once per batch, turn it off.
         */
        public FileBuilder flushEachLine(boolean flushEachLine) {
            this.flushEachLine = flushEachLine;
            return this;
        }

        public JsonLinesAuditSink build() {
            return new JsonLinesAuditSink(this);
        }
    }
}
