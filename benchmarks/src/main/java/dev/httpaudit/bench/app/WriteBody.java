package dev.httpaudit.bench.app;

import dev.httpaudit.bench.exchange.Payloads;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * For load.sh: writes the load test's request body (the JMH benchmarks' 1 KiB order) to the file
 * named and prints the Authorization header's value; with {@code --password}, prints the body's
 * password instead (load.sh checks that neither appears in any audit file).
 */
public final class WriteBody {
    public static void main(String[] args) throws Exception {
        if (args[0].equals("--password")) {
            System.out.println(Payloads.PASSWORD);
            return;
        }
        Files.write(Path.of(args[0]), Payloads.REQUEST_1K);
        System.out.println(Payloads.AUTHORIZATION);
    }
}
