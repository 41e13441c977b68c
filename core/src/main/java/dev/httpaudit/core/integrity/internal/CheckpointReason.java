package dev.httpaudit.core.integrity.internal;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Why a checkpoint was written; signed with it, and written as its lower-case name. */
public enum CheckpointReason {
    /** {@code checkpoint-every} lines since the previous one. */
    COUNT,
    /** {@code checkpoint-interval} passed with unsealed lines. */
    INTERVAL,
    /** The file is rotated: the chain continues in the next file. */
    ROTATE,
    /** The sink was closed: the chain ends here. */
    CLOSE;

    /** The name written in the line. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The reason of a wire name, or null when it is none. */
    public static @Nullable CheckpointReason ofWireName(@Nullable String name) {
        for (CheckpointReason r : values()) {
            if (r.wireName().equals(name)) {
                return r;
            }
        }
        return null;
    }
}
