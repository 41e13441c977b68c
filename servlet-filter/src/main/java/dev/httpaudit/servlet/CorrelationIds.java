package dev.httpaudit.servlet;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/** Validation and generation of correlation IDs. */
final class CorrelationIds {

    /** The longest inbound ID accepted. */
    static final int MAX_LENGTH = 128;

    private static final HexFormat HEX = HexFormat.of();

    /**
     * One generator per thread. IDs must stay unguessable (128 bits from a cryptographically
     * strong generator), so {@code ThreadLocalRandom} and {@code SplittableRandom} are out.
     * One shared {@code new SecureRandom()} (and {@code UUID.randomUUID()}, which uses one) is
     * NativePRNG on Linux: every instance of it funnels through one global lock and a read
     * of {@code /dev/urandom}, and under load request threads queued on that lock (the
     * end-to-end profile showed waits of 10 ms and more, several seconds in total per 20 s).
     * A DRBG instance (NIST SP 800-90A, the JDK's default strong algorithm) keeps its state
     * in the instance and seeds itself from the system's entropy source, so one per thread
     * never contends; where DRBG is unavailable, a plain {@code SecureRandom} per thread.
     * From its second ID on, each thread draws the bytes of {@value #IDS_PER_DRAW} IDs at
     * once: a DRBG call costs two SHA-256 rounds (the output's and the state's update) plus
     * one per 32 bytes, so one draw of 256 bytes costs about a quarter of sixteen draws of
     * 16. A thread's first ID draws only its own 16 bytes: a virtual thread may serve one
     * request and end.
     */
    private static final ThreadLocal<IdBytes> RANDOM = ThreadLocal.withInitial(() -> new IdBytes(newRandom()));

    private static final int ID_BYTES = 16;
    private static final int IDS_PER_DRAW = 16;

    private CorrelationIds() {
    }

    /**
     * True for 1 to 128 characters of {@code A-Z a-z 0-9 . _ : -}: enough for UUIDs, ULIDs
     * and trace IDs, and nothing that could split a log line or a response header.
     */
    static boolean isValid(@Nullable String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == ':' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** A new ID: 128 random bits as 32 lower-case hex digits. */
    static String generate() {
        return RANDOM.get().nextId();
    }

    /** A thread's random bytes for its next IDs, drawn {@value #IDS_PER_DRAW} IDs at a time after the first. */
    private static final class IdBytes {
        private final SecureRandom random;
        /** Null until the thread's first ID; holds the drawn bytes of its next IDs after that. */
        private byte @Nullable [] drawn;
        private int used;

        IdBytes(SecureRandom random) {
            this.random = random;
        }

        String nextId() {
            byte[] bytes = drawn;
            if (bytes == null) {
                // the first ID draws only its own bytes; the array, empty, waits for the second
                drawn = new byte[ID_BYTES * IDS_PER_DRAW];
                used = ID_BYTES * IDS_PER_DRAW;
                byte[] own = new byte[ID_BYTES];
                random.nextBytes(own);
                return HEX.formatHex(own);
            }
            if (used == bytes.length) {
                random.nextBytes(bytes);
                used = 0;
            }
            String id = HEX.formatHex(bytes, used, used + ID_BYTES);
            // an ID handed out is not kept: only the IDs still to come are in the array
            Arrays.fill(bytes, used, used + ID_BYTES, (byte) 0);
            used += ID_BYTES;
            return id;
        }
    }

    private static SecureRandom newRandom() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }
}
