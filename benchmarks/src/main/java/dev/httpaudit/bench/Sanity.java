package dev.httpaudit.bench;

import dev.httpaudit.bench.exchange.Payloads;
import dev.httpaudit.core.redact.Redactor;
import java.nio.charset.StandardCharsets;

/**
 * Runs each variant's exchange once and prints what it logged (not a benchmark): the check
 * that every library is active, masks what it can, and sees the whole exchange.
 * {@code java -cp target/benchmarks.jar dev.httpaudit.bench.Sanity}
 */
public final class Sanity {

    public static void main(String[] args) throws Exception {
        LogSetup.install();
        for (Variant variant : Variant.values()) {
            var filters = variant.filters();
            Exchanges.order(filters); // warm-up (first-use initialisation)
            LogSetup.startCapture();
            long sent = Exchanges.order(filters);
            String log = LogSetup.stopCapture();
            System.out.printf("=== %s: %d bytes sent, %d log bytes, %d lines%n", variant, sent,
                    log.getBytes(StandardCharsets.UTF_8).length, log.lines().count());
            log.lines().forEach(line -> System.out.println(line.length() > 700 ? line.substring(0, 700) + "..." : line));
            System.out.printf("    Authorization token in log: %s, password in log: %s%n",
                    log.contains(Payloads.AUTHORIZATION.substring(7)), log.contains("hunter2"));
        }
        var event = new RedactionBenchmark();
        event.setUp();
        String redacted = event.redact64KiB().request().body().content();
        System.out.printf("=== redaction: 64 KiB body still holds a sensitive value: %s%n",
                redacted.contains("\"password\":\"sss"));
        System.out.println(Redactor.class.getProtectionDomain().getCodeSource());
    }
}
