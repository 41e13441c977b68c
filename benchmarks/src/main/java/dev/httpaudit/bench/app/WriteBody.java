package dev.httpaudit.bench.app;

import dev.httpaudit.bench.exchange.Payloads;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the load test's request body (the JMH benchmarks' 1 KiB order) to the file named. */
public final class WriteBody {
    public static void main(String[] args) throws Exception {
        Files.write(Path.of(args[0]), Payloads.REQUEST_1K);
        System.out.println(Payloads.AUTHORIZATION);
    }
}
