package dev.httpaudit.core;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Numbers events per process: a strictly increasing sequence and a random instance ID drawn
 * at class load, so that {@code event.id} is unique across replicas and restarts and a gap in
 * the sequence of one instance shows a lost event.
 */
final class EventNumbering {

    private static final String INSTANCE_ID = newInstanceId();
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private EventNumbering() {
    }

    /** The random ID of this process instance (8 hex digits). */
    public static String instanceId() {
        return INSTANCE_ID;
    }

    static long nextSequence() {
        return SEQUENCE.incrementAndGet();
    }

    static String idOf(long sequence) {
        return INSTANCE_ID + "-" + sequence;
    }

    private static String newInstanceId() {
        byte[] bytes = new byte[4];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
