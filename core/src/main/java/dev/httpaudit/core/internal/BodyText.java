package dev.httpaudit.core.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Turns captured body bytes into text: decoded with the declared charset, malformed or
 * unmappable input replaced (never thrown), and an incomplete sequence at the end of a
 * body cut at the capture limit dropped rather than shown as garbage.
 *
 * <p>{@link #decodeBody} chooses the charset as a JSON parser does (RFC 4627 section 3,
 * RFC 8259 section 8.1, and Jackson's detection, which the application most likely parses
 * with), so that redaction sees the text the application saw:
 * <ol>
 *   <li>a byte order mark decides, for every textual body, whatever charset is declared:
 *       {@code 00 00 FE FF} UTF-32BE, {@code FF FE 00 00} UTF-32LE, {@code EF BB BF} UTF-8,
 *       {@code FE FF} UTF-16BE, {@code FF FE} UTF-16LE; the mark is not part of the text;</li>
 *   <li>for a JSON body (a JSON media type, or any textual body that decodes to text
 *       starting like JSON under this rule), the NUL pattern of the first bytes decides:
 *       {@code 00 00 00 xx} UTF-32BE, {@code xx 00 00 00} UTF-32LE, else {@code 00 xx}
 *       UTF-16BE and {@code xx 00} UTF-16LE; JSON starts with an ASCII character, so JSON
 *       in UTF-8 or any ASCII-compatible charset never starts with NUL, and this wins over a
 *       declared charset (a wrong {@code charset=UTF-8} included);</li>
 *   <li>otherwise the declared charset, or UTF-8 when none is; for a JSON media type a
 *       declared UTF-16 or UTF-32 without a mark or NUL pattern means UTF-8, as for Jackson.</li>
 * </ol>
 * {@link #isTrustworthy} then tells whether the text can be redacted at all.
 */
public final class BodyText {

    /** Of the characters of a text, at most one in this many may be suspect (see {@link #isTrustworthy}). */
    private static final int SUSPECT_SHARE = 8;

    /** The suspect characters: the C0 controls but NUL, tab, line feed, form feed and carriage return; U+FFFD. */
    private static final char[] SUSPECTS = suspects();

    private static final Charset UTF_32BE = Charset.forName("UTF-32BE");
    private static final Charset UTF_32LE = Charset.forName("UTF-32LE");

    private BodyText() {
    }

    /**
     * Decodes a captured body, choosing the charset as the class comment describes.
     *
     * @param declared   the charset of the {@code Content-Type}, or {@code null} when none
     *                   (or an unknown one) is declared
     * @param json       true for a JSON media type ({@link #isJsonMimeType})
     * @param cutAtLimit true when the bytes are a prefix of a longer body
     */
    public static String decodeBody(byte[] bytes, int length, Charset declared, boolean json, boolean cutAtLimit) {
        int mark = byteOrderMarkLength(bytes, length);
        if (mark > 0) {
            return decode(bytes, mark, length - mark, byteOrderMarkCharset(bytes, mark), cutAtLimit);
        }
        Charset byPattern = nulPattern(bytes, length);
        if (byPattern != null) {
            if (json) {
                return decode(bytes, 0, length, byPattern, cutAtLimit);
            }
            String asJson = decode(bytes, 0, length, byPattern, cutAtLimit);
            if (startsLikeJson(asJson)) {
                return asJson;
            }
        }
        Charset charset = declared == null || (json && isUtf16Or32(declared)) ? StandardCharsets.UTF_8 : declared;
        return decode(bytes, 0, length, charset, cutAtLimit);
    }

    /**
     * True when redaction of {@code text} can be trusted: it holds no NUL character, and at
     * most one character in eight is suspect, that is U+FFFD (the decoder's replacement
     * for bytes it could not decode) or a C0 control character other than tab, line feed,
     * form feed and carriage return. Text from a body in another encoding than the one it
     * was decoded with fails (UTF-16 or UTF-32 read as UTF-8 has NULs between the
     * characters; UTF-16 without ASCII characters, EBCDIC or binary data read as UTF-8 is
     * mostly controls and U+FFFD), and names in it could not be matched. No allocation.
     *
     * <p>Each suspect character is looked for with {@link String#indexOf(int, int)}, 29
     * searches in all, rather than in one loop of this class over the text: {@code indexOf}
     * is a vectorized intrinsic, compiled long before this code is, because everything on
     * a server calls it. A loop of its own here was a JIT lottery under load on a small
     * machine ({@code benchmarks/load.sh}, 2 cores): in one run it was still interpreted
     * 120 s into the load, at a fifth of the app's CPU; in another its only compilation by
     * 75 s was for the loop (OSR), queued 70 s behind C2's backlog, which keeps any other
     * compilation of the method out; in a third it was compiled at 15 s. Compiled, the
     * searches take about twice the loop's time (0.7 µs for 1 KiB); interpreted, a
     * twentieth of it. They stay linear: one pass per suspect character, and at
     * most one search more per suspect found before the share is exceeded.
     */
    public static boolean isTrustworthy(String text) {
        if (text.indexOf('\0') >= 0) {
            return false;
        }
        int allowed = text.length() / SUSPECT_SHARE;
        int found = 0;
        for (char suspect : SUSPECTS) {
            for (int at = text.indexOf(suspect); at >= 0; at = text.indexOf(suspect, at + 1)) {
                if (++found > allowed) {
                    return false;
                }
            }
        }
        return true;
    }

    private static char[] suspects() {
        StringBuilder suspects = new StringBuilder();
        for (char c = 1; c < 0x20; c++) {
            if (c != '\t' && c != '\n' && c != '\f' && c != '\r') {
                suspects.append(c);
            }
        }
        return suspects.append('\uFFFD').toString().toCharArray();
    }

    /**
     * True for JSON media types: a subtype with {@code json} in it ({@code application/json},
     * {@code +json}, {@code x-ndjson}, {@code jsonl}, {@code json-seq}, ...). Parameters
     * and case are ignored; {@code null} is not JSON.
     */
    public static boolean isJsonMimeType(String mimeType) {
        if (mimeType == null) {
            return false;
        }
        String type = mimeType;
        int parameters = type.indexOf(';');
        if (parameters >= 0) {
            type = type.substring(0, parameters);
        }
        int slash = type.indexOf('/');
        String subtype = slash < 0 ? type : type.substring(slash + 1);
        return subtype.toLowerCase(Locale.ROOT).contains("json");
    }

    /** True when text starts (after whitespace) like a JSON object or array. */
    public static boolean startsLikeJson(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == '{' || c == '[';
            }
        }
        return false;
    }

    /** Length of the byte order mark {@code bytes} start with, 0 for none. */
    private static int byteOrderMarkLength(byte[] b, int length) {
        if (length >= 4 && ((b[0] == 0 && b[1] == 0 && b[2] == (byte) 0xFE && b[3] == (byte) 0xFF)
                || (b[0] == (byte) 0xFF && b[1] == (byte) 0xFE && b[2] == 0 && b[3] == 0))) {
            return 4;
        }
        if (length >= 3 && b[0] == (byte) 0xEF && b[1] == (byte) 0xBB && b[2] == (byte) 0xBF) {
            return 3;
        }
        if (length >= 2 && ((b[0] == (byte) 0xFE && b[1] == (byte) 0xFF) || (b[0] == (byte) 0xFF && b[1] == (byte) 0xFE))) {
            return 2;
        }
        return 0;
    }

    /** The charset of the byte order mark of {@code markLength} bytes {@code bytes} start with. */
    private static Charset byteOrderMarkCharset(byte[] b, int markLength) {
        return switch (markLength) {
            case 4 -> b[0] == 0 ? UTF_32BE : UTF_32LE;
            case 3 -> StandardCharsets.UTF_8;
            default -> b[0] == (byte) 0xFE ? StandardCharsets.UTF_16BE : StandardCharsets.UTF_16LE;
        };
    }

    /**
     * The UTF-16 or UTF-32 variant the NUL bytes among the first four show, as Jackson's
     * detection reads them, or {@code null}. The unusual UCS-4 orders ({@code 00 xx 00 00},
     * {@code 00 00 xx 00}), which Jackson refuses, give {@code null}: read as UTF-8, their
     * NULs make the text untrustworthy.
     */
    private static Charset nulPattern(byte[] b, int length) {
        if (length >= 4) {
            if (b[0] == 0 && b[1] == 0 && b[2] == 0) {
                return UTF_32BE;
            }
            if (b[1] == 0 && b[2] == 0 && b[3] == 0) {
                return UTF_32LE;
            }
            if ((b[0] == 0 && b[2] == 0 && b[3] == 0) || (b[0] == 0 && b[1] == 0 && b[3] == 0)) {
                return null;
            }
        }
        if (length >= 2) {
            if (b[0] == 0) {
                return StandardCharsets.UTF_16BE;
            }
            if (b[1] == 0) {
                return StandardCharsets.UTF_16LE;
            }
        }
        return null;
    }

    private static boolean isUtf16Or32(Charset charset) {
        String name = charset.name().toUpperCase(Locale.ROOT);
        return name.contains("UTF-16") || name.contains("UTF-32");
    }

    /**
     * Decodes {@code length} bytes of {@code bytes}.
     *
     * @param cutAtLimit true when the bytes are a prefix of a longer body: a multi-byte
     *                   sequence split by the cut is dropped instead of replaced
     */
    public static String decode(byte[] bytes, int length, Charset charset, boolean cutAtLimit) {
        return decode(bytes, 0, length, charset, cutAtLimit);
    }

    private static String decode(byte[] bytes, int offset, int length, Charset charset, boolean cutAtLimit) {
        if (charset.equals(StandardCharsets.UTF_8) && (!cutAtLimit || length == 0 || bytes[offset + length - 1] >= 0)) {
            // The JDK's own decoding of a UTF-8 byte array: vectorized over ASCII runs (the
            // common case, one pass), and malformed input replaced as by the decoder below.
            // Only a body cut at the limit that ends inside a multi-byte sequence needs the
            // decoder, to leave that sequence out.
            return new String(bytes, offset, length, StandardCharsets.UTF_8);
        }
        if (isAsciiCompatible(charset) && isAscii(bytes, offset, length)) {
            // The common case (JSON, form data, most text): every byte is one ASCII char in
            // these charsets, nothing can be malformed or split, and the result is the same
            // as the decoder's without its char buffer and copy.
            return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
        }
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, length);
        CharBuffer out = CharBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 8L,
                (long) Math.ceil(length * (double) decoder.maxCharsPerByte()) + 1));
        CoderResult result = decoder.decode(in, out, !cutAtLimit);
        if (result.isOverflow()) {
            // cannot happen with maxCharsPerByte sizing; decode the slow way rather than fail
            return decodeWhole(bytes, offset, length, charset);
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

    private static boolean isAscii(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    private static String decodeWhole(byte[] bytes, int offset, int length, Charset charset) {
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(bytes, offset, length)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, offset, length, charset);
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
