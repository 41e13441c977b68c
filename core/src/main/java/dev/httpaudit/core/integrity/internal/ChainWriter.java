package dev.httpaudit.core.integrity.internal;

import dev.httpaudit.core.json.EcsFieldMapping;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

/**
 * One hash chain being written: gives each line its position and hash and writes signed
 * checkpoints. Not thread-safe: the sink calls it under its lock, so positions follow the order
 * in which lines are written.
 *
 * <p>A line costs two SHA-256 passes (over the line, then over the 64-byte link) and nothing
 * else of note: the chain fields, the hash and its hex are written into one reused buffer, the
 * digests into reused arrays, so a line allocates nothing (benchmarks/RESULTS.md, issue 13).
 */
public final class ChainWriter {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final int HASH_BYTES = 32;
    /** Digits of the largest position ({@code Long.MAX_VALUE} has 19). */
    private static final int MAX_SEQ_DIGITS = 19;

    private final String chainId;
    private final Signature signer;
    private final MessageDigest sha = ChainFormat.sha256();
    /** {@code ,"http_audit.chain":{"id":"<chain>","seq":}, the same for every line. */
    private final byte[] chainPrefix;
    /** What follows a line's JSON less its closing brace: chain fields, hash suffix, newline. */
    private final byte[] tail;
    private final byte[] lineDigest = new byte[HASH_BYTES];
    private byte[] previous = new byte[HASH_BYTES];
    private byte[] current = new byte[HASH_BYTES];
    private long nextSeq;
    private int unsealed;

    private ChainWriter(String chainId, PrivateKey key) {
        this.chainId = chainId;
        this.chainPrefix = (",\"" + ChainFormat.CHAIN_FIELD + "\":{\"id\":\"" + chainId + "\",\"seq\":")
                .getBytes(StandardCharsets.US_ASCII);
        this.tail = new byte[chainPrefix.length + MAX_SEQ_DIGITS + 1 + ChainFormat.SUFFIX_LENGTH + 1];
        System.arraycopy(chainPrefix, 0, tail, 0, chainPrefix.length);
        System.arraycopy(ChainFormat.GENESIS, 0, previous, 0, HASH_BYTES);
        try {
            this.signer = Signature.getInstance("Ed25519");
            signer.initSign(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the signing key cannot sign with Ed25519", e);
        }
    }

    /** A new chain with a random 128-bit ID, starting at position 0. */
    public static ChainWriter start(PrivateKey key) {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        return new ChainWriter(HexFormat.of().formatHex(id), key);
    }

    /** The chain's ID. */
    public String chainId() {
        return chainId;
    }

    /** Lines written so far. */
    public long lines() {
        return nextSeq;
    }

    /** Lines written since the last checkpoint (checkpoints not counted). */
    public int unsealed() {
        return unsealed;
    }

    /** The bytes {@link #writeLine} will write for this JSON object, newline included. */
    public int lineLength(byte[] json) {
        return lineLength(json.length);
    }

    /** The bytes {@link #writeLine} will write for a JSON object of this many bytes, newline included. */
    public int lineLength(int jsonLength) {
        return jsonLength - 1 + chainPrefix.length + seqDigits(nextSeq) + 1 + ChainFormat.SUFFIX_LENGTH + 1;
    }

    /**
     * Writes one JSON object (one line, ending in its closing brace) as the chain's next line,
     * with its chain fields, hash and newline; returns the bytes written.
     */
    public int writeLine(OutputStream out, byte[] json) throws IOException {
        return writeLine(out, json, 0, json.length);
    }

    /** {@link #writeLine(OutputStream, byte[])} for the JSON object at {@code json[off, off+len)}. */
    public int writeLine(OutputStream out, byte[] json, int off, int len) throws IOException {
        int written = write(out, json, off, len);
        unsealed++;
        return written;
    }

    /** Writes a signed checkpoint over every line so far; returns the bytes written. */
    public int writeCheckpoint(OutputStream out, CheckpointReason reason, Instant now) throws IOException {
        byte[] json = checkpointJson(reason, now);
        int written = write(out, json, 0, json.length);
        unsealed = 0;
        return written;
    }

    /** An upper bound of a checkpoint line's length, for rotation to keep room for it. */
    public int checkpointLineLength() {
        return lineLength(checkpointJson(CheckpointReason.INTERVAL, Instant.now())) + 32;
    }

    private int write(OutputStream out, byte[] json, int off, int len) throws IOException {
        if (len < 2 || json[off + len - 1] != '}') {
            throw new IllegalArgumentException("not one JSON object");
        }
        int bodyLength = len - 1;
        // An empty object has no field before ours, so no comma either.
        int chainFrom = json[off + len - 2] == '{' ? 1 : 0;
        int at = chainPrefix.length;
        at = writeDigits(tail, at, nextSeq);
        tail[at++] = '}';
        int chainEnd = at;
        sha.update(json, off, bodyLength);
        sha.update(tail, chainFrom, chainEnd - chainFrom);
        sha.update((byte) '}');
        digestInto(lineDigest);
        sha.update(previous);
        sha.update(lineDigest);
        digestInto(current);
        System.arraycopy(ChainFormat.HASH_PREFIX, 0, tail, at, ChainFormat.HASH_PREFIX.length);
        at += ChainFormat.HASH_PREFIX.length;
        for (byte b : current) {
            tail[at++] = HEX_DIGITS[(b >> 4) & 0xF];
            tail[at++] = HEX_DIGITS[b & 0xF];
        }
        tail[at++] = '"';
        tail[at++] = '}';
        tail[at++] = '\n';
        out.write(json, off, bodyLength);
        out.write(tail, chainFrom, at - chainFrom);
        byte[] swap = previous;
        previous = current;
        current = swap;
        nextSeq++;
        return bodyLength + at - chainFrom;
    }

    private void digestInto(byte[] into) {
        try {
            sha.digest(into, 0, HASH_BYTES);
        } catch (DigestException e) {
            throw new IllegalStateException("SHA-256 gave no 32-byte digest", e);
        }
    }

    private static int seqDigits(long seq) {
        int digits = 1;
        for (long rest = seq / 10; rest > 0; rest /= 10) {
            digits++;
        }
        return digits;
    }

    private static int writeDigits(byte[] into, int at, long value) {
        int end = at + seqDigits(value);
        long rest = value;
        for (int i = end - 1; i >= at; i--) {
            into[i] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
        return end;
    }

    private byte[] checkpointJson(CheckpointReason reason, Instant now) {
        String timestamp = EcsFieldMapping.timestamp(now);
        long covered = nextSeq - 1;
        String coveredHash = ChainFormat.hex(previous);
        String signature;
        try {
            signer.update(ChainFormat.checkpointMessage(chainId, covered, coveredHash, reason.wireName(), timestamp));
            signature = Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a checkpoint", e);
        }
        String json = "{\"@timestamp\":\"" + timestamp + "\",\"message\":\"http-audit checkpoint (" + reason.wireName()
                + "): chain " + chainId + " through line " + covered + "\",\"ecs\":{\"version\":\""
                + EcsFieldMapping.ECS_VERSION + "\"},\"event\":{\"kind\":\"state\",\"dataset\":\"http_audit.checkpoint\"},\""
                + ChainFormat.CHECKPOINT_FIELD + "\":{\"reason\":\"" + reason.wireName() + "\",\"seq\":" + covered
                + ",\"hash\":\"" + coveredHash + "\",\"signature\":\"" + signature + "\"}}";
        return json.getBytes(StandardCharsets.US_ASCII);
    }
}
