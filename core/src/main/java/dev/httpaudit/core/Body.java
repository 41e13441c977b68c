package dev.httpaudit.core;

import org.jspecify.annotations.Nullable;

/**
 * A request or response body as captured: its full size and, for textual bodies, the
 * captured text.
 *
 * @param bytes         the full size in bytes seen on the wire (not only what was captured),
 *                      or {@code null} when unknown
 * @param content       the captured text, or {@code null} when the body was not captured as
 *                      text (binary, excluded, not read)
 * @param truncated     true when {@code content} was cut (at the capture limit, or to fit the
 *                      event size limit)
 * @param reconstructed true when {@code content} was rebuilt from the container's parsed
 *                      form parameters rather than copied from the byte stream
 * @param read          false when the application never read the body; {@code bytes} then
 *                      comes from {@code Content-Length}
 * @param undecodable   true when the captured bytes did not decode to text whose redaction
 *                      could be trusted (more than one character in eight a replacement
 *                      character or a control character);
 *                      {@code content} is then the redaction replacement, never the bytes
 */
public record Body(@Nullable Long bytes, @Nullable String content, boolean truncated, boolean reconstructed, boolean read,
                   boolean undecodable) {

    /** A body that decoded to trustworthy text (or was not decoded): {@code undecodable} false. */
    public Body(Long bytes, String content, boolean truncated, boolean reconstructed, boolean read) {
        this(bytes, content, truncated, reconstructed, read, false);
    }

    /** A body captured as text while it streamed. */
    public static Body captured(long bytes, String content, boolean truncated) {
        return new Body(bytes, content, truncated, false, true);
    }

    /** A body whose size is known but whose content is not recorded (binary, excluded). */
    public static Body sizeOnly(long bytes) {
        return new Body(bytes, null, false, false, true);
    }

    /** A form body rebuilt from the container's parameter map. */
    public static Body reconstructedForm(String content, long bytes, boolean truncated) {
        return new Body(bytes, content, truncated, true, true);
    }

    /** A body the application never read; {@code declaredBytes} is its Content-Length, if any. */
    public static Body notRead(Long declaredBytes) {
        return new Body(declaredBytes, null, false, false, false);
    }

    /**
     * A body whose captured bytes did not decode to trustworthy text: recorded masked whole,
     * as {@code replacement}, and marked {@code undecodable}.
     */
    public static Body undecodable(long bytes, String replacement, boolean truncated) {
        return new Body(bytes, replacement, truncated, false, true, true);
    }

    /** This body with other content, keeping size and flags; {@code truncated} is or-ed in. */
    public Body withContent(String newContent, boolean cut) {
        return new Body(bytes, newContent, truncated || cut, reconstructed, read, undecodable);
    }
}
