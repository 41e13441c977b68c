package dev.httpaudit.core.integrity.internal;

import dev.httpaudit.core.json.EcsFieldMapping;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
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
 */
public final class ChainWriter {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String chainId;
    private final Signature signer;
    private final MessageDigest sha = ChainFormat.sha256();
    private long nextSeq;
    private byte[] previous = ChainFormat.GENESIS;
    private int unsealed;

    private ChainWriter(String chainId, PrivateKey key) {
        this.chainId = chainId;
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
        return json.length - 1 + ChainFormat.chainFields(chainId, nextSeq).length + ChainFormat.SUFFIX_LENGTH + 1;
    }

    /**
     * Writes one JSON object (one line, ending in its closing brace) as the chain's next line,
     * with its chain fields, hash and newline; returns the bytes written.
     */
    public int writeLine(OutputStream out, byte[] json) throws IOException {
        int written = write(out, json);
        unsealed++;
        return written;
    }

    /** Writes a signed checkpoint over every line so far; returns the bytes written. */
    public int writeCheckpoint(OutputStream out, CheckpointReason reason, Instant now) throws IOException {
        int written = write(out, checkpointJson(reason, now));
        unsealed = 0;
        return written;
    }

    /** An upper bound of a checkpoint line's length, for rotation to keep room for it. */
    public int checkpointLineLength() {
        return lineLength(checkpointJson(CheckpointReason.INTERVAL, Instant.now())) + 32;
    }

    private int write(OutputStream out, byte[] json) throws IOException {
        if (json.length < 2 || json[json.length - 1] != '}') {
            throw new IllegalArgumentException("not one JSON object");
        }
        byte[] chain = ChainFormat.chainFields(chainId, nextSeq);
        int bodyLength = json.length - 1;
        // An empty object has no field before ours, so no comma either.
        int chainFrom = json[json.length - 2] == '{' ? 1 : 0;
        sha.update(json, 0, bodyLength);
        sha.update(chain, chainFrom, chain.length - chainFrom);
        sha.update((byte) '}');
        byte[] hash = ChainFormat.link(sha, previous, sha.digest());
        out.write(json, 0, bodyLength);
        out.write(chain, chainFrom, chain.length - chainFrom);
        out.write(ChainFormat.hashSuffix(hash));
        out.write('\n');
        previous = hash;
        nextSeq++;
        return bodyLength + chain.length - chainFrom + ChainFormat.SUFFIX_LENGTH + 1;
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
