package dev.httpaudit.core.integrity.internal;

import java.util.Locale;

/** What the verifier found wrong with a line; written as its lower-case, hyphenated name. */
public enum FindingKind {
    /** The line's bytes are not what was written (its hash, or its signed state, disagrees). */
    MODIFIED,
    /** Lines are missing: a gap in the positions, or a chain whose first lines are missing. */
    DELETED,
    /** A line that is not part of the chain: a copy of another line, or a forged one. */
    INSERTED,
    /** An authentic line in another place than the one it was written in. */
    REORDERED,
    /** A file or chain ends early: a rotated file without its rotation checkpoint, or a chain whose next file is missing. */
    TRUNCATED,
    /** Lines after the chain's last checkpoint, sealed by no signature (cut short, or the writer crashed). */
    UNSEALED_TAIL,
    /** An incomplete last line, as a crash during a write leaves. */
    TORN_LINE,
    /** A checkpoint whose signature does not verify with the public key. */
    BAD_SIGNATURE,
    /** A line that is not a JSON object. */
    NOT_JSON;

    /** The name as printed: {@code unsealed-tail}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
