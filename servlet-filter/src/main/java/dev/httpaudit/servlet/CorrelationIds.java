package dev.httpaudit.servlet;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Validation and generation of correlation IDs. */
final class CorrelationIds {

    /** The longest inbound ID accepted. */
    static final int MAX_LENGTH = 128;

    private static final SecureRandom RANDOM = new SecureRandom();

    private CorrelationIds() {
    }

    /**
     * True for 1 to 128 characters of {@code A-Z a-z 0-9 . _ : -}: enough for UUIDs, ULIDs
     * and trace IDs, and nothing that could split a log line or a response header.
     */
    static boolean isValid(String id) {
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
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
