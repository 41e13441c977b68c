package dev.httpaudit.bench;

import dev.httpaudit.core.integrity.Ed25519Pem;
import dev.httpaudit.core.integrity.internal.ChainWriter;
import dev.httpaudit.core.integrity.internal.CheckpointReason;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;

/**
 * Writes BYTES of chained lines (through the file sink's ChainWriter: a checkpoint every 1000
 * lines, a rotation checkpoint every 128 MiB file, a close) of the JSON object in TEMPLATE, its
 * {@code "sequence":1042} numbered, into DIR with the public key, for timing the verifier.
 * Arguments: DIR BYTES TEMPLATE.
 */
public final class ChainedLogGenerator {

    private ChainedLogGenerator() {
    }

    public static void main(String[] a) throws Exception {
        Path dir = Path.of(a[0]);
        long total = Long.parseLong(a[1]);
        Files.createDirectories(dir);
        KeyPair keys = Ed25519Pem.generate();
        Files.writeString(dir.resolve("http-audit.pub"), Ed25519Pem.publicKeyPem(keys.getPublic()));
        String template = Files.readString(Path.of(a[2])).trim();
        ChainWriter chain = ChainWriter.start(keys.getPrivate());
        long written = 0; int file = 0; long inFile = 0; long lines = 0;
        OutputStream out = new BufferedOutputStream(new FileOutputStream(dir.resolve("audit.json." + file).toFile()), 1 << 16);
        while (written < total) {
            byte[] json = template.replace("\"sequence\":1042", "\"sequence\":" + lines).getBytes(StandardCharsets.UTF_8);
            int n = chain.writeLine(out, json); written += n; inFile += n; lines++;
            if (chain.unsealed() >= 1000) { n = chain.writeCheckpoint(out, CheckpointReason.COUNT, Instant.now()); written += n; inFile += n; }
            if (inFile > 128L << 20) {
                written += chain.writeCheckpoint(out, CheckpointReason.ROTATE, Instant.now());
                out.close(); file++; inFile = 0;
                out = new BufferedOutputStream(new FileOutputStream(dir.resolve("audit.json." + file).toFile()), 1 << 16);
            }
        }
        written += chain.writeCheckpoint(out, CheckpointReason.CLOSE, Instant.now());
        out.close();
        System.out.println(lines + " event lines, " + written + " bytes, " + (file + 1) + " files");
    }
}
