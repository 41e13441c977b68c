package dev.httpaudit.bench;

import dev.httpaudit.bench.exchange.Payloads;
import dev.httpaudit.core.internal.BodyText;
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
 * The trust check of a decoded body ({@link BodyText#isTrustworthy}), which runs on every
 * captured body twice (in the servlet filter and in the redactor), against the one loop over
 * the text it replaced ({@link #oneLoop}, kept here as it was). Run it twice: as it is (both
 * compiled), and with both excluded from compilation, the state a loop of its own was found in
 * 100 s into a load test (see benchmarks/RESULTS.md):
 * <pre>
 * java -jar benchmarks.jar TrustCheckBenchmark -jvmArgsAppend \
 *     "-XX:CompileCommand=quiet -XX:CompileCommand=exclude,dev.httpaudit.core.internal.BodyText::isTrustworthy \
 *      -XX:CompileCommand=exclude,dev.httpaudit.bench.TrustCheckBenchmark::oneLoop"
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class TrustCheckBenchmark {

    /** The load test's 1 KiB request body, or the 4 KiB response of the JMH exchange. */
    @Param({"REQUEST_1K", "RESPONSE_4K"})
    public String body;

    private String text;

    @Setup(Level.Trial)
    public void setUp() {
        text = new String(body.equals("REQUEST_1K") ? Payloads.REQUEST_1K : Payloads.RESPONSE_4K,
                StandardCharsets.UTF_8);
        if (!BodyText.isTrustworthy(text) || !oneLoop(text)) {
            throw new IllegalStateException("the body should be trustworthy");
        }
    }

    @Benchmark
    public boolean indexOfSearches() {
        return BodyText.isTrustworthy(text);
    }

    @Benchmark
    public boolean charLoop() {
        return oneLoop(text);
    }

    /** The trust check as it was before: one pass over the text, char by char. */
    static boolean oneLoop(CharSequence text) {
        int length = text.length();
        long suspect = 0;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if ((char) (c + 3) < 0x23) {
                if (c == 0) {
                    return false;
                }
                if (c == '\uFFFD' || (c < 0x20 && c != '\t' && c != '\n' && c != '\f' && c != '\r')) {
                    suspect++;
                }
            }
        }
        return suspect * 8 <= length;
    }
}
