package dev.httpaudit.core.body;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns captured body bytes into text: decoded with the declared charset, malformed or
 * unmappable input replaced (never thrown), and an incomplete sequence at the end of a
 * body cut at the capture limit dropped rather than shown as garbage.
 */
public final class BodyText {

    private BodyText() {
    }

    /**
     * Decodes {@code length} bytes of {@code bytes}.
     *
     * @param cutAtLimit true when the bytes are a prefix of a longer body: a multi-byte
     *                   sequence split by the cut is dropped instead of replaced
     */
    public static String decode(byte[] bytes, int length, Charset charset, boolean cutAtLimit) {
        if (isAsciiCompatible(charset) && isAscii(bytes, length)) {
            // The common case (JSON, form data, most text): every byte is one ASCII char in
            // these charsets, nothing can be malformed or split, and the result is the same
            // as the decoder's without its char buffer and copy.
            return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
        }
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        ByteBuffer in = ByteBuffer.wrap(bytes, 0, length);
        CharBuffer out = CharBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 8L,
                (long) Math.ceil(length * (double) decoder.maxCharsPerByte()) + 1));
        CoderResult result = decoder.decode(in, out, !cutAtLimit);
        if (result.isOverflow()) {
            // cannot happen with maxCharsPerByte sizing; decode the slow way rather than fail
            return decodeWhole(bytes, length, charset);
        }
        if (!cutAtLimit) {
            decoder.flush(out);
        }
        // With cutAtLimit, bytes of an incomplete trailing sequence stay unread in 'in'.
        out.flip();
        return out.toString();
    }

    private static boolean isAsciiCompatible(Charset charset) {
        return charset.equals(StandardCharsets.UTF_8) || charset.equals(StandardCharsets.ISO_8859_1)
                || charset.equals(StandardCharsets.US_ASCII);
    }

    private static boolean isAscii(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    private static String decodeWhole(byte[] bytes, int length, Charset charset) {
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(bytes, 0, length)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, 0, length, charset);
        }
    }

    /**
     * The first {@code maxChars} chars of {@code text}, one fewer where the cut would split a
     * surrogate pair.
     */
    public static String cutAtCharBoundary(String text, int maxChars) {
        if (text == null || text.length() <= maxChars) {
            return text;
        }
        int end = Math.max(0, maxChars);
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1)) && Character.isLowSurrogate(text.charAt(end))) {
            end--;
        }
        return text.substring(0, end);
    }
}
