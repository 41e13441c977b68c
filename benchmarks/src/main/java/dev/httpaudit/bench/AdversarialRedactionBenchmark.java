package dev.httpaudit.bench;

import dev.httpaudit.bench.exchange.Payloads;
import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.AuditRequest;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@code Redactor.defaults().redact(event)} on 64 KiB request bodies built to make a
 * redactor do more than linear work (repeated separators, deep brackets, quotes, escapes,
 * near-miss and long names, unclosed tags and comments), beside the ordinary 64 KiB,
 * 1,000-field JSON body of {@link RedactionBenchmark} ({@code ordinary}). Each body also
 * holds one real sensitive name, so the whole-text check cannot rule it out. Most of them do
 * not parse, so they exercise the tolerant scan; the event is the benchmarked order
 * exchange's, with an Authorization header.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class AdversarialRedactionBenchmark {

    private static final int SIZE = 64 * 1024;
    private static final String JSON = "application/json";

    @Param({"ordinary", "formChainedEquals", "jsonQueryChainedEquals", "jsonQueryEncodedChain", "deepBrackets",
            "manyQuotes", "escapedQuotes", "longBackslashes", "nearMissNames", "longQuotedNames", "unclosedTags",
            "unclosedElement", "strayCommas", "sensitiveWords", "unclosedComments", "lineComments",
            "longMaskedValueReused", "overlappingMaskedValues"})
    public String body;

    private Redactor redactor;
    private AuditEvent event;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        LogSetup.install();
        redactor = Redactor.defaults();
        AuditEvent order = ReferenceBenchmark.capturedOrderEvent();
        String[] typed = body(body);
        AuditRequest request = order.request();
        event = order.withRequest(new AuditRequest(request.id(), request.method(), typed[0], request.headers(),
                Body.captured(typed[1].length(), typed[1], false)));
    }

    /** The MIME type and content of the named body, exactly {@value #SIZE} chars. */
    static String[] body(String name) {
        return switch (name) {
            case "ordinary" -> new String[] {JSON, new String(Payloads.manyFields(1000, SIZE), StandardCharsets.UTF_8)};
            // QueryStrings used to rescan the rest of the pair from every '='
            case "formChainedEquals" -> new String[] {"application/x-www-form-urlencoded", fill("", "a=", "&token=x")};
            case "jsonQueryChainedEquals" -> new String[] {JSON, fill("{\"q\":\"/p?", "a=", "&token=x\"}")};
            // ... and decoded the rest of the pair from every '=' when it held an encoded '?'
            case "jsonQueryEncodedChain" -> new String[] {JSON, fill("{\"q\":\"/p?", "a=", "%3Fb=c&token=x\"}")};
            case "deepBrackets" -> new String[] {JSON, fill("{\"password\":\"x\",\"d\":", "[{", "")};
            // every quote was tried as a name, over up to 1,024 chars
            case "manyQuotes" -> new String[] {JSON, fill("{\"password\":\"x\",\"d\":", "\"", "")};
            case "escapedQuotes" -> new String[] {JSON, fill("{\"password\":\"x\",\"d\":\"", "\\\"", "")};
            case "longBackslashes" -> new String[] {JSON, fill("{\"password\":\"x\",\"d\":\"", "\\\\", "")};
            case "nearMissNames" -> new String[] {JSON, fill("{\"password\":\"x\",", "\"passwor\":\"tokn\",", "")};
            case "longQuotedNames" -> new String[] {JSON,
                    fill("{\"password\":\"x\",", "\"" + "a".repeat(1500) + "\":1,", "")};
            // every '<name' searched the rest of the text for its '>'
            case "unclosedTags" -> new String[] {"application/xml", fill("", "<password ", "")};
            case "unclosedElement" -> new String[] {"application/xml", fill("<password>", "<a", "")};
            case "strayCommas" -> new String[] {JSON, fill("{\"password\"", ",", "")};
            case "sensitiveWords" -> new String[] {"text/plain", fill("", "password ", "")};
            case "unclosedComments" -> new String[] {JSON, fill("{\"a\":1,", "\"token\" /* ", "")};
            case "lineComments" -> new String[] {JSON, fill("{\"a\":1,", "\"token\" // ", "")};
            // the scrub compared a 16 KiB masked value at every position of a run of its first char
            case "longMaskedValueReused" -> new String[] {JSON,
                    fill("{\"password\":\"" + "a".repeat(16 * 1024) + "b\",\"x\":\"", "a", "\"}")};
            // many masked values, each a prefix-sharing run, against the same run
            case "overlappingMaskedValues" -> new String[] {JSON, overlappingValues()};
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static String overlappingValues() {
        StringBuilder head = new StringBuilder("{");
        for (int k = 0; k < 200; k++) {
            head.append("\"password").append(k).append("\":\"").append("a".repeat(3 + k)).append("b\",");
        }
        return fill(head.append("\"x\":\"").toString(), "a", "\"}");
    }

    private static String fill(String head, String unit, String tail) {
        StringBuilder text = new StringBuilder(SIZE).append(head);
        while (text.length() + unit.length() + tail.length() <= SIZE) {
            text.append(unit);
        }
        while (text.length() + tail.length() < SIZE) {
            text.append(' ');
        }
        return text.append(tail).toString();
    }

    @Benchmark
    public AuditEvent redact() {
        return redactor.redact(event);
    }
}
