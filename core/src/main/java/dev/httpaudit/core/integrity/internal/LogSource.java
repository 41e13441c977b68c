package dev.httpaudit.core.integrity.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One file to verify: the name findings give it, and how to read it: a stream to open, or lines
 * already in memory.
 *
 * @param lines null for a stream; else the lines, each without its newline, never changed after
 * @param lastLineEnded for lines: whether the last one had its newline
 */
public record LogSource(String name, Opener opener, @Nullable List<byte[]> lines, boolean lastLineEnded) {

    /** Opens the content. */
    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }

    /** A file on disk, named as given. */
    public static LogSource of(Path file) {
        return new LogSource(file.toString(), () -> Files.newInputStream(file), null, true);
    }

    /** A stream of file content, named as given. */
    public static LogSource of(String name, Opener opener) {
        return new LogSource(name, opener, null, true);
    }

    /**
     * Lines in memory. A verifier parses and hashes each distinct array once, however many
     * sources and runs share it, so the arrays must not change afterwards.
     */
    public static LogSource ofLines(String name, List<byte[]> lines, boolean lastLineEnded) {
        return new LogSource(name, () -> {
            throw new IOException("lines in memory");
        }, List.copyOf(lines), lastLineEnded);
    }
}
