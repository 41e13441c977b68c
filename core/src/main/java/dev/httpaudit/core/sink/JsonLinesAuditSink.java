package dev.httpaudit.core.sink;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.AuditSink;
import dev.httpaudit.core.integrity.IntegrityOptions;
import dev.httpaudit.core.integrity.internal.ChainWriter;
import dev.httpaudit.core.integrity.internal.CheckpointReason;
import dev.httpaudit.core.json.EventJsonWriter;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Writes each event as one JSON object on its own line (JSON Lines), UTF-8. Safe for
 * concurrent use: an event is serialized first, outside the lock, into a buffer its thread
 * reuses, and its line written whole under a lock, so lines never interleave. To a file,
 * lines are buffered up to 1 MiB: behind an {@link AsyncAuditSink} (with
 * {@link FileBuilder#flushEachLine(boolean) flushEachLine(false)}) a batch reaches the file in
 * one system call at its flush.
 *
 * <p>To a file, it can rotate by size: when a line would take the file past
 * {@code maxFileBytes}, the file becomes {@code name.1}, an older {@code name.1} becomes
 * {@code name.2}, and so on, keeping {@code maxHistory} old files. A line is never split
 * across files.
 *
 * <p>With {@link FileBuilder#integrity(IntegrityOptions)}, every line is a link of a hash chain
 * and signed checkpoints seal it (see docs/integrity.md): each line gets its position in the
 * chain, in the order lines are written, and its hash; a checkpoint is written every N lines,
 * every T seconds while lines are unsealed, as the last line of a file that is rotated, and at
 * close. Each sink instance starts a new chain; rotation continues it into the next file.
 */
public final class JsonLinesAuditSink implements AuditSink {

    /** The default number of rotated files kept. */
    public static final int DEFAULT_MAX_HISTORY = 5;

    private static final byte NEWLINE = '\n';
    /**
     * The file's write buffer: 1 MiB holds a whole batch of the async queue (256 events of a few
     * KB), which it flushes once, so that a batch is one system call rather than one per 64 KB.
     */
    private static final int BUFFER_SIZE = 1024 * 1024;
    /** Each thread serializes into its own reused buffer, outside the lock, with no copy per event. */
    private static final ThreadLocal<LineBuffer> LINE = ThreadLocal.withInitial(LineBuffer::new);

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
    // Integrity only (chain != null):
    private final IntegrityOptions integrity;
    private final ChainWriter chain;
    private final long checkpointReserve;
    private final ScheduledExecutorService checkpointTimer;
    private boolean closed;

    private JsonLinesAuditSink(OutputStream out, boolean flushEachLine) {
        this.out = Objects.requireNonNull(out, "out");
        this.flushEachLine = flushEachLine;
        this.closeStream = false;
        this.file = null;
        this.maxFileBytes = Long.MAX_VALUE;
        this.maxHistory = 0;
        this.fsync = false;
        this.integrity = null;
        this.chain = null;
        this.checkpointReserve = 0;
        this.checkpointTimer = null;
    }

    private JsonLinesAuditSink(FileBuilder builder) {
        this.file = builder.file;
        this.flushEachLine = builder.flushEachLine;
        this.closeStream = true;
        this.maxFileBytes = builder.maxFileBytes;
        this.maxHistory = builder.maxHistory;
        this.fsync = builder.fsync;
        this.integrity = builder.integrity;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (integrity != null) {
                endTornLine(file);
            }
            openFile();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open audit file " + file, e);
        }
        if (integrity == null) {
            this.chain = null;
            this.checkpointReserve = 0;
            this.checkpointTimer = null;
        } else {
            this.chain = ChainWriter.start(integrity.signingKey());
            this.checkpointReserve = chain.checkpointLineLength();
            this.checkpointTimer = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "http-audit-checkpoint");
                thread.setDaemon(true);
                return thread;
            });
            long period = integrity.checkpointInterval().toNanos();
            checkpointTimer.scheduleAtFixedRate(this::checkpointIfUnsealed, period, period, TimeUnit.NANOSECONDS);
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
        LineBuffer line = LINE.get();
        try {
            EventJsonWriter.instance().write(event, line);
            write(line.bytes(), line.size());
        } finally {
            line.release();
        }
    }

    private void write(byte[] json, int length) {
        synchronized (lock) {
            if (chain != null) {
                writeChained(json, length);
                return;
            }
            try {
                if (file != null && fileBytes > 0 && fileBytes + length + 1 > maxFileBytes) {
                    rotate();
                }
                out.write(json, 0, length);
                out.write(NEWLINE);
                fileBytes += length + 1L;
                if (flushEachLine) {
                    out.flush();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write audit line", e);
            }
        }
    }

    private void writeChained(byte[] json, int length) {
        try {
            if (fileBytes > 0 && fileBytes + chain.lineLength(length) + checkpointReserve > maxFileBytes) {
                rotate();
            }
            fileBytes += chain.writeLine(out, json, 0, length);
            if (chain.unsealed() >= integrity.checkpointEvery()) {
                checkpoint(CheckpointReason.COUNT);
            }
            if (flushEachLine) {
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write audit line", e);
        }
    }

    /**
     * A count or interval checkpoint; when it would leave no room for the rotation checkpoint,
     * the file is rotated instead (whose checkpoint seals the same lines).
     */
    private void checkpoint(CheckpointReason reason) throws IOException {
        if (fileBytes + 2 * checkpointReserve > maxFileBytes) {
            rotate();
        } else {
            fileBytes += chain.writeCheckpoint(out, reason, Instant.now());
        }
    }

    /** The timer's task: seals lines written since the last checkpoint, and flushes them. */
    private void checkpointIfUnsealed() {
        synchronized (lock) {
            if (closed || chain.unsealed() == 0) {
                return;
            }
            try {
                checkpoint(CheckpointReason.INTERVAL);
                out.flush();
            } catch (IOException | RuntimeException e) {
                // Nothing to report to here: the next write or flush meets the same failure and
                // throws it to the pipeline, which counts and reports it; the next tick retries.
            }
        }
    }

    /**
     * A crash can leave a last line without its newline. A newline ends it, so the torn line
     * stays a line of its own (reported as torn by the verifier) and does not swallow the first
     * line of the new chain.
     */
    private static void endTornLine(Path file) throws IOException {
        if (!Files.isRegularFile(file) || Files.size(file) == 0) {
            return;
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(raf.length() - 1);
            if (raf.read() != NEWLINE) {
                raf.seek(raf.length());
                raf.write(NEWLINE);
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
        if (checkpointTimer != null) {
            checkpointTimer.shutdownNow();
        }
        synchronized (lock) {
            try {
                if (chain != null && !closed && chain.lines() > 0) {
                    fileBytes += chain.writeCheckpoint(out, CheckpointReason.CLOSE, Instant.now());
                }
                closed = true;
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
        if (chain != null) {
            // the file's last line: the chain continues in the next file
            chain.writeCheckpoint(out, CheckpointReason.ROTATE, Instant.now());
        }
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
        private IntegrityOptions integrity;

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

        /**
         * Chain every line and write signed checkpoints (default off). See
         * {@link IntegrityOptions} and docs/integrity.md.
         */
        public FileBuilder integrity(IntegrityOptions integrity) {
            this.integrity = Objects.requireNonNull(integrity, "integrity");
            return this;
        }

        /** The sink; opens (and creates) the file. */
        public JsonLinesAuditSink build() {
            return new JsonLinesAuditSink(this);
        }
    }
}
