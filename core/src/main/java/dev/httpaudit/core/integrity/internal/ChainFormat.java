package dev.httpaudit.core.integrity.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The chained line format, shared by the writer and the verifier.
 *
 * <p>A chained line is a JSON object whose last two fields are
 * {@code "http_audit.chain":{"id":"<chain>","seq":<n>}} and {@code "event.hash":"<64 hex>"}:
 * <pre>{"@timestamp":...,"http_audit.chain":{"id":"...","seq":7},"event.hash":"9f2c..."}</pre>
 * The hash field is written last, always as exactly {@value #SUFFIX_LENGTH} bytes
 * ({@code ,"event.hash":"}, 64 lower-case hex digits, {@code "}}), so the line less its hash is a
 * byte operation: the line's bytes up to that suffix, then {@code }}. Nothing is re-serialized.
 *
 * <p>{@code event.hash = SHA-256(previous hash || SHA-256(line less its hash))}, the raw 32-byte
 * values, with 32 zero bytes before the chain's first line (position 0). Hashing the line first
 * lets the verifier hash every line in one pass before it knows the line's place.
 */
public final class ChainFormat {

    /** The top-level key of the chain object (an extension; ES expands the dotted key). */
    public static final String CHAIN_FIELD = "http_audit.chain";
    /** The top-level key of a checkpoint line's checkpoint object (an extension). */
    public static final String CHECKPOINT_FIELD = "http_audit.checkpoint";
    /** The ECS field holding the line's hash, as a dotted top-level key, last in the line. */
    public static final String HASH_FIELD = "event.hash";

    static final byte[] HASH_PREFIX = (",\"" + HASH_FIELD + "\":\"").getBytes(StandardCharsets.US_ASCII);
    /** Hex digits of a hash. */
    public static final int HASH_HEX_LENGTH = 64;
    /** Bytes of {@code ,"event.hash":"<hex>"}} at the end of every chained line. */
    public static final int SUFFIX_LENGTH = HASH_PREFIX.length + HASH_HEX_LENGTH + 2;
    /** The previous hash of a chain's first line. */
    public static final byte[] GENESIS = new byte[32];

    private static final HexFormat HEX = HexFormat.of();

    private ChainFormat() {
    }

    /** A new SHA-256 digest (every JDK has one). */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
    }

    /** {@code ,"event.hash":"<hex>"}}: the end of a chained line (before its newline). */
    public static byte[] hashSuffix(byte[] hash) {
        byte[] suffix = new byte[SUFFIX_LENGTH];
        System.arraycopy(HASH_PREFIX, 0, suffix, 0, HASH_PREFIX.length);
        byte[] hex = HEX.formatHex(hash).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(hex, 0, suffix, HASH_PREFIX.length, HASH_HEX_LENGTH);
        suffix[SUFFIX_LENGTH - 2] = '"';
        suffix[SUFFIX_LENGTH - 1] = '}';
        return suffix;
    }

    /** {@code SHA-256(previous || lineDigest)}. */
    public static byte[] link(MessageDigest sha, byte[] previous, byte[] lineDigest) {
        sha.update(previous);
        sha.update(lineDigest);
        return sha.digest();
    }

    /**
     * Whether {@code line[off, off+len)} (no newline) ends with a well-formed hash suffix: a
     * chained line, or one whose hash field can be read even if the rest is damaged.
     */
    public static boolean hasHashSuffix(byte[] line, int off, int len) {
        if (len < SUFFIX_LENGTH + 1) {
            return false;
        }
        int start = off + len - SUFFIX_LENGTH;
        for (int i = 0; i < HASH_PREFIX.length; i++) {
            if (line[start + i] != HASH_PREFIX[i]) {
                return false;
            }
        }
        for (int i = start + HASH_PREFIX.length; i < start + HASH_PREFIX.length + HASH_HEX_LENGTH; i++) {
            byte b = line[i];
            if (!(b >= '0' && b <= '9' || b >= 'a' && b <= 'f')) {
                return false;
            }
        }
        return line[off + len - 2] == '"' && line[off + len - 1] == '}';
    }

    /** The stored hash of a line that {@link #hasHashSuffix has a suffix}. */
    public static byte[] storedHash(byte[] line, int off, int len) {
        int start = off + len - SUFFIX_LENGTH + HASH_PREFIX.length;
        return HEX.parseHex(new String(line, start, HASH_HEX_LENGTH, StandardCharsets.US_ASCII));
    }

    /** SHA-256 of the line less its hash suffix (the line's bytes before the suffix, then '}'). */
    public static byte[] lineDigest(MessageDigest sha, byte[] line, int off, int len) {
        sha.update(line, off, len - SUFFIX_LENGTH);
        sha.update((byte) '}');
        return sha.digest();
    }

    /**
     * The message a checkpoint signs: the chain, the position and hash of the last line it
     * covers, why it was written, and its {@code @timestamp}. Every field a verifier relies on is
     * signed, so that a rewriter without the key cannot turn a rotation into a close.
     */
    public static byte[] checkpointMessage(String chainId, long coveredSeq, String coveredHashHex, String reason,
            String timestamp) {
        return ("http-audit checkpoint v1\n" + chainId + "\n" + coveredSeq + "\n" + coveredHashHex + "\n" + reason
                + "\n" + timestamp + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Lower-case hex. */
    public static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    /** Parses lower- or upper-case hex. */
    public static byte[] parseHex(String hex) {
        return HEX.parseHex(hex);
    }
}
