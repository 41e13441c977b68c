package dev.httpaudit.bench.app;

import dev.httpaudit.core.AuditCounters;
import dev.httpaudit.core.pipeline.AuditPipeline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Writes, when the context closes, how many events the audit pipeline handed to its sink
 * ({@code AuditCounters.written}) to {@code bench.audited-file}. It is the only proof that the
 * no-write row audited every exchange: that row writes no line to count. Read when this bean is
 * destroyed, after the server has stopped: exact for a synchronous sink; with an async queue it
 * may be read before the queue has drained (those rows count their file's lines instead).
 * Nothing runs per exchange; with auditing off there is no pipeline and no file.
 */
@Component
public final class AuditedCounter implements DisposableBean {

    /** Held from the start: whichever of this bean and the pipeline is destroyed first, the counters stay readable. */
    private final @Nullable AuditCounters counters;
    private final String file;

    public AuditedCounter(ObjectProvider<AuditPipeline> pipeline, @Value("${bench.audited-file:}") String file) {
        AuditPipeline audit = pipeline.getIfAvailable();
        this.counters = audit == null ? null : audit.counters();
        this.file = file;
    }

    @Override
    public void destroy() {
        if (file.isEmpty() || counters == null) {
            return;
        }
        try {
            Files.writeString(Path.of(file), counters.written() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
