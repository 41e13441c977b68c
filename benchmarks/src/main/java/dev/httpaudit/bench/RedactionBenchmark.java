package dev.httpaudit.bench;

import dev.httpaudit.bench.exchange.Payloads;
import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.Body;
import dev.httpaudit.core.redact.Redactor;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@code Redactor.defaults().redact(event)} on an event whose request body is a 64 KiB JSON
 * object of 1,000 fields, 100 of them sensitive (password, token, secret, api_key,
 * client_secret), with an Authorization header.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class RedactionBenchmark {

    private Redactor redactor;
    private AuditEvent event;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        LogSetup.install();
        redactor = Redactor.defaults();
        byte[] body = Payloads.manyFields(1000, 64 * 1024);
        AuditEvent order = ReferenceBenchmark.capturedOrderEvent();
        event = order.withRequest(order.request()
                .withBody(Body.captured(body.length, new String(body, StandardCharsets.UTF_8), false)));
    }

    @Benchmark
    public AuditEvent redact64KiB() {
        return redactor.redact(event);
    }
}
