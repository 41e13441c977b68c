package dev.httpaudit.bench;

import dev.httpaudit.bench.exchange.Payloads;
import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.Body;
import dev.httpaudit.core.redact.Redactor;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * {@code Redactor.defaults().redact(event)} alone, on the event of {@link ExchangeBenchmark}'s
 * order exchange as captured, before redaction: the 1 KiB request body with its password, the
 * Authorization header, the 4 KiB response body. Redaction is most of the no-write exchange's
 * time; this shows its share without the filter around it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class OrderRedactionBenchmark {

    private Redactor redactor;
    private AuditEvent event;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        LogSetup.install();
        redactor = Redactor.defaults();
        AuditEvent redacted = ReferenceBenchmark.capturedOrderEvent();
        Map<String, List<String>> headers = new LinkedHashMap<>(redacted.request().headers());
        headers.put("authorization", List.of(Payloads.AUTHORIZATION));
        event = redacted
                .withRequest(redacted.request().withHeaders(headers).withBody(
                        Body.captured(Payloads.REQUEST_1K.length,
                                new String(Payloads.REQUEST_1K, StandardCharsets.UTF_8), false)))
                .withResponse(redacted.response().withBody(
                        Body.captured(Payloads.RESPONSE_4K.length,
                                new String(Payloads.RESPONSE_4K, StandardCharsets.UTF_8), false)));
        AuditEvent check = redactor.redact(event);
        if (check.request().body().content().contains(Payloads.PASSWORD)
                || check.request().headers().toString().contains("eyJ")) {
            throw new IllegalStateException("not redacted: " + check);
        }
    }

    @Benchmark
    public AuditEvent redactOrder() {
        return redactor.redact(event);
    }
}
