package dev.httpaudit.core.integrity.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** One file to verify: the name findings give it, and how to read it. */
public record LogSource(String name, Opener opener) {

    /** Opens the content. */
    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }

    /** A file on disk, named as given. */
    public static LogSource of(Path file) {
        return new LogSource(file.toString(), () -> Files.newInputStream(file));
    }

    /** Bytes in memory. */
    public static LogSource of(String name, byte[] content) {
        return new LogSource(name, () -> new ByteArrayInputStream(content));
    }
}
