package dev.httpaudit.core.integrity;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Objects;

/**
 * Turns the JSON lines file sink's hash chain and signed checkpoints on:
 * {@code JsonLinesAuditSink.file(path).integrity(IntegrityOptions.withKeyFile(key))}. Immutable.
 *
 * <p>Every line then carries {@code http_audit.chain} (the chain's ID and the line's position)
 * and, as its last field, {@code event.hash}; every {@link #checkpointEvery() N} lines, every
 * {@link #checkpointInterval() T} of time with lines not yet covered, at rotation and at close,
 * a checkpoint line signed with the Ed25519 key seals the chain so far. See docs/integrity.md.
 */
public final class IntegrityOptions {

    /**
     * Default lines between checkpoints: 10,000. A JDK Ed25519 signature costs about 1.2 ms of CPU
     * (benchmarks/RESULTS.md), so this is about 0.12 µs per line, against 1.2 µs at 1000. The
     * unsealed tail stays short in time all the same: the {@link #DEFAULT_CHECKPOINT_INTERVAL
     * interval} seals it every 2 seconds, so 10,000 lines are only reached above 5,000 events a
     * second, where they are 2 seconds of traffic or less.
     */
    public static final int DEFAULT_CHECKPOINT_EVERY = 10_000;

    /**
     * Default longest time lines stay unsealed when traffic is low: 2 seconds, so that what a
     * crash or an attacker can cut without a trace is at most 2 seconds of traffic, at a cost of
     * at most one signature every 2 seconds (none while idle).
     */
    public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(2);

    private final PrivateKey signingKey;
    private final int checkpointEvery;
    private final Duration checkpointInterval;

    private IntegrityOptions(PrivateKey signingKey, int checkpointEvery, Duration checkpointInterval) {
        this.signingKey = signingKey;
        this.checkpointEvery = checkpointEvery;
        this.checkpointInterval = checkpointInterval;
    }

    /** Chaining with this Ed25519 private key and the default checkpoint cadence. */
    public static IntegrityOptions withKey(PrivateKey signingKey) {
        Objects.requireNonNull(signingKey, "signingKey");
        if (!"Ed25519".equals(signingKey.getAlgorithm()) && !"EdDSA".equals(signingKey.getAlgorithm())) {
            throw new IllegalArgumentException("the signing key must be Ed25519, was " + signingKey.getAlgorithm());
        }
        return new IntegrityOptions(signingKey, DEFAULT_CHECKPOINT_EVERY, DEFAULT_CHECKPOINT_INTERVAL);
    }

    /**
     * Chaining with the Ed25519 private key of this PKCS#8 PEM file.
     *
     * @throws IllegalArgumentException naming the file when it is missing, unreadable or not
     *     such a key (the message never holds key material)
     */
    public static IntegrityOptions withKeyFile(Path pemFile) {
        return withKey(Ed25519Pem.readPrivateKey(pemFile));
    }

    /** A checkpoint after this many lines at most (default {@value #DEFAULT_CHECKPOINT_EVERY}). */
    public IntegrityOptions checkpointEvery(int lines) {
        if (lines < 1) {
            throw new IllegalArgumentException("checkpoint-every must be positive, was " + lines);
        }
        return new IntegrityOptions(signingKey, lines, checkpointInterval);
    }

    /** A checkpoint at most this long after the first unsealed line (default 2 seconds). */
    public IntegrityOptions checkpointInterval(Duration interval) {
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("checkpoint-interval must be positive, was " + interval);
        }
        return new IntegrityOptions(signingKey, checkpointEvery, interval);
    }

    /** The signing key. */
    public PrivateKey signingKey() {
        return signingKey;
    }

    /** Lines between checkpoints at most. */
    public int checkpointEvery() {
        return checkpointEvery;
    }

    /** Longest time a line stays unsealed. */
    public Duration checkpointInterval() {
        return checkpointInterval;
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return "IntegrityOptions[checkpointEvery=" + checkpointEvery + ", checkpointInterval=" + checkpointInterval + "]";
    }
}
