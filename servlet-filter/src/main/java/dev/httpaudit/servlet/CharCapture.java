package dev.httpaudit.servlet;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Feeds characters written to a response writer into a {@link BodyCapture} as the bytes
 * the container will send (encoded with the writer's charset). Below the limit the
 * characters are encoded; past it, only counted (arithmetically for UTF-8 and single-byte
 * charsets), so a huge writer body costs no extra allocation. Other charsets are encoded
 * by one encoder for the whole body, as the container's writer is: an encoder with state,
 * such as UTF-16's, which starts with a byte order mark, writes one mark, not one per write.
 */
final class CharCapture {

    private static final int COUNT_CHUNK = 8192;

    private final Supplier<BodyCapture> targets;
    private final Charset charset;
    private final boolean utf8;
    private final boolean singleByte;
    private final CharsetEncoder encoder;
    private char pendingHighSurrogate;

    /** @param targets the current capture (a reset response gets a new one) */
    CharCapture(Supplier<BodyCapture> targets, Charset charset) {
        this.targets = targets;
        this.charset = charset;
        this.utf8 = charset.equals(StandardCharsets.UTF_8);
        this.encoder = charset.newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        this.singleByte = encoder.maxBytesPerChar() <= 1.0f;
    }

    void write(int c) {
        write(String.valueOf((char) c), 0, 1);
    }

    void write(char[] chars, int off, int len) {
        write(new String(chars, off, len), 0, len);
    }

    void write(String text, int off, int len) {
        if (len <= 0) {
            return;
        }
        String chars = text.substring(off, off + len);
        if (pendingHighSurrogate != 0) {
            chars = pendingHighSurrogate + chars;
            pendingHighSurrogate = 0;
        }
        // A high surrogate at the end waits for its low half, so the pair encodes as one.
        if (Character.isHighSurrogate(chars.charAt(chars.length() - 1))) {
            pendingHighSurrogate = chars.charAt(chars.length() - 1);
            chars = chars.substring(0, chars.length() - 1);
        }
        BodyCapture target = targets.get();
        int copied = 0;
        int room = target.room();
        if (room > 0 && !chars.isEmpty()) {
            // Each char encodes to at least one byte: 'room' chars are enough to fill the copy.
            int end = Math.min(chars.length(), room);
            if (end < chars.length() && Character.isHighSurrogate(chars.charAt(end - 1))) {
                end++;
            }
            if (utf8 || singleByte) {
                // stateless charsets: the fast String encoding gives the same bytes
                byte[] bytes = chars.substring(0, end).getBytes(charset);
                target.write(bytes, 0, bytes.length);
            } else {
                ByteBuffer bytes = encode(chars, 0, end);
                target.write(bytes.array(), 0, bytes.limit());
            }
            copied = end;
        }
        if (copied < chars.length()) {
            target.count(countBytes(chars, copied));
        }
    }

    /** Forgets a half-written surrogate pair and the encoder's state (after {@code reset()}/{@code resetBuffer()}). */
    void reset() {
        pendingHighSurrogate = 0;
        encoder.reset();
    }

    /**
     * {@code chars[from, to)} encoded with the body's one encoder. Never the end of input:
     * a trailing high surrogate is held back by the caller, so nothing stays pending.
     */
    private ByteBuffer encode(String chars, int from, int to) {
        CharBuffer in = CharBuffer.wrap(chars, from, to);
        ByteBuffer out = ByteBuffer.allocate((int) Math.ceil((to - from) * (double) encoder.maxBytesPerChar()) + 8);
        while (true) {
            CoderResult result = encoder.encode(in, out, false);
            if (!result.isOverflow()) {
                break;
            }
            ByteBuffer larger = ByteBuffer.allocate(out.capacity() * 2);
            out.flip();
            larger.put(out);
            out = larger;
        }
        out.flip();
        return out;
    }

    private long countBytes(String chars, int from) {
        if (singleByte) {
            return chars.length() - from;
        }
        if (utf8) {
            long bytes = 0;
            for (int i = from; i < chars.length(); i++) {
                char c = chars.charAt(i);
                if (c < 0x80) {
                    bytes += 1;
                } else if (c < 0x800) {
                    bytes += 2;
                } else if (Character.isHighSurrogate(c) && i + 1 < chars.length()
                        && Character.isLowSurrogate(chars.charAt(i + 1))) {
                    bytes += 4;
                    i++;
                } else if (Character.isSurrogate(c)) {
                    bytes += 1; // an unpaired surrogate is replaced by '?'
                } else {
                    bytes += 3;
                }
            }
            return bytes;
        }
        long bytes = 0;
        int i = from;
        while (i < chars.length()) {
            int end = Math.min(chars.length(), i + COUNT_CHUNK);
            if (end < chars.length() && Character.isHighSurrogate(chars.charAt(end - 1))) {
                end++;
            }
            bytes += encode(chars, i, end).limit();
            i = end;
        }
        return bytes;
    }
}
