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
 * {@code Redactor.defaults().redact(event)} alone, on two events:
 * <ul>
 *   <li>{@link #redact64KiB}: a request body that is a 64 KiB JSON object of 1,000 fields, 100
 *       of them sensitive (password, token, secret, api_key, client_secret), with an
 *       Authorization header;</li>
 *   <li>{@link #redactOrder}: the event of {@link ExchangeBenchmark}'s order exchange as
 *       captured, before redaction (the 1 KiB request body with its password, the
 *       Authorization header, the 4 KiB response body). Redaction is most of the no-write
 *       exchange's time; this shows its share without the filter around it.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class RedactionBenchmark {

    private Redactor redactor;
    private AuditEvent event;
    private AuditEvent orderEvent;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        LogSetup.install();
        redactor = Redactor.defaults();
        byte[] body = Payloads.manyFields(1000, 64 * 1024);
        AuditEvent order = ReferenceBenchmark.capturedOrderEvent();
        event = order.withRequest(order.request()
                .withBody(Body.captured(body.length, new String(body, StandardCharsets.UTF_8), false)));
        // the captured event is already redacted: the request's secrets and the response body put back
        Map<String, List<String>> headers = new LinkedHashMap<>(order.request().headers());
        headers.put("authorization", List.of(Payloads.AUTHORIZATION));
        orderEvent = order
                .withRequest(order.request().withHeaders(headers).withBody(text(Payloads.REQUEST_1K)))
                .withResponse(order.response().withBody(text(Payloads.RESPONSE_4K)));
        AuditEvent redacted = redactor.redact(orderEvent);
        if (redacted.request().body().content().contains(Payloads.PASSWORD)
                || redacted.request().headers().toString().contains("eyJ")) {
            throw new IllegalStateException("the order event was not redacted: " + redacted);
        }
    }

    private static Body text(byte[] json) {
        return Body.captured(json.length, new String(json, StandardCharsets.UTF_8), false);
    }

    @Benchmark
    public AuditEvent redact64KiB() {
        return redactor.redact(event);
    }

    @Benchmark
    public AuditEvent redactOrder() {
        return redactor.redact(orderEvent);
    }
}
