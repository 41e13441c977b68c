package dev.httpaudit.servlet;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import org.jspecify.annotations.Nullable;

/**
 * Decodes the captured (possibly cut) prefix of a compressed body, producing at most
 * {@code limit} bytes, so a compressed body is logged as its text instead of as mojibake,
 * and a small compressed capture can never inflate into a large buffer.
 */
final class Decompression {

    /** What decoding gave: the bytes, and whether they are only a prefix of the body. */
    record Decoded(byte[] bytes, boolean truncated) {
    }

    private static final int CHUNK = 512;

    private Decompression() {
    }

    /** True for no encoding or {@code identity}. */
    static boolean isIdentity(@Nullable String contentEncoding) {
        return contentEncoding == null || contentEncoding.isBlank()
                || contentEncoding.trim().equalsIgnoreCase("identity");
    }

    /**
     * Decodes {@code length} bytes of {@code data} encoded with {@code contentEncoding}
     * ({@code gzip}, {@code x-gzip} or {@code deflate}); {@code null} when the encoding is
     * unsupported (brotli, zstd, several stacked encodings) or the data is not valid, so the
     * caller records the body as binary with its size.
     *
     * @param inputCut true when {@code data} is a prefix of a longer body
     */
    static @Nullable Decoded decode(String contentEncoding, byte[] data, int length, boolean inputCut, int limit) {
        String encoding = contentEncoding.trim().toLowerCase(Locale.ROOT);
        try (InputStream in = switch (encoding) {
            case "gzip", "x-gzip" -> new GZIPInputStream(new ByteArrayInputStream(data, 0, length), CHUNK);
            case "deflate" -> new InflaterInputStream(new ByteArrayInputStream(data, 0, length));
            default -> null;
        }) {
            if (in == null) {
                return null;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, 8192));
            byte[] chunk = new byte[CHUNK];
            while (out.size() < limit) {
                int n;
                try {
                    n = in.read(chunk, 0, Math.min(chunk.length, limit - out.size()));
                } catch (EOFException e) {
                    // The capture stopped mid-stream: what was inflated so far is valid text.
                    if (inputCut) {
                        return new Decoded(out.toByteArray(), true);
                    }
                    return null;
                }
                if (n < 0) {
                    return new Decoded(out.toByteArray(), false);
                }
                out.write(chunk, 0, n);
            }
            boolean more;
            try {
                more = in.read() >= 0;
            } catch (EOFException e) {
                more = true;
            }
            return new Decoded(out.toByteArray(), more || inputCut);
        } catch (EOFException e) {
            return inputCut ? new Decoded(new byte[0], true) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
