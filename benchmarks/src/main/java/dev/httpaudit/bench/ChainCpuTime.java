package dev.httpaudit.bench;

import dev.httpaudit.core.integrity.Ed25519Pem;
import dev.httpaudit.core.integrity.internal.ChainWriter;
import dev.httpaudit.core.integrity.internal.CheckpointReason;
import dev.httpaudit.core.json.EventJsonWriter;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;

/**
 * CPU time per chained line (the thread's CPU time, not wall time: on a shared machine JMH's
 * wall times grow with the load), the work of {@link ChainBenchmark}. Arguments: checkpoint-every,
 * and optionally a file holding one JSON object to chain instead of the order exchange's event
 * ({@code schema-example} for docs/event-schema.md's full example, bundled in the jar).
 */
public final class ChainCpuTime {

    private ChainCpuTime() {
    }

    public static void main(String[] a) throws Exception {
        byte[] json = a.length < 2 ? EventJsonWriter.instance().toJsonBytes(ReferenceBenchmark.capturedOrderEvent())
                : a[1].equals("schema-example") ? ChainBenchmark.schemaExample()
                : java.nio.file.Files.readString(java.nio.file.Path.of(a[1])).trim().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        OutputStream discard = OutputStream.nullOutputStream();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        int every = Integer.parseInt(a[0]);
        int n = 200_000;
        System.out.println("line bytes " + json.length);
        for (int round = 0; round < 8; round++) {
            ChainWriter chain = ChainWriter.start(Ed25519Pem.generate().getPrivate());
            long c0 = mx.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                chain.writeLine(discard, json);
                if (chain.unsealed() >= every) {
                    chain.writeCheckpoint(discard, CheckpointReason.COUNT, Instant.now());
                }
            }
            long c1 = mx.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                discard.write(json, 0, json.length);
                discard.write('\n');
            }
            long c2 = mx.getCurrentThreadCpuTime();
            System.out.printf("round %d every %d: chained %.2f us/line CPU, plain %.3f us/line CPU%n", round, every,
                    (c1 - c0) / 1000.0 / n, (c2 - c1) / 1000.0 / n);
        }
        // signing alone
        ChainWriter chain = ChainWriter.start(Ed25519Pem.generate().getPrivate());
        long c0 = mx.getCurrentThreadCpuTime();
        for (int i = 0; i < 200; i++) {
            chain.writeCheckpoint(discard, CheckpointReason.COUNT, Instant.now());
        }
        System.out.printf("checkpoint (sign) %.1f us CPU each%n", (mx.getCurrentThreadCpuTime() - c0) / 1000.0 / 200);
    }
}
