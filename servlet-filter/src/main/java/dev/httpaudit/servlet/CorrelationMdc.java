package dev.httpaudit.servlet;

import dev.httpaudit.core.internal.MdcScope;
import java.io.IOException;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * The exchange's correlation ID in the SLF4J MDC: put under the configured key on every
 * dispatch and around the application's non-blocking I/O callbacks, the previous value
 * restored afterwards. And, when the pipeline has enrichers, the MDC as it was at the end of
 * the last dispatch, on the dispatch's own thread, for the enrichers' {@code ExchangeContext}.
 */
final class CorrelationMdc {

    /** A container callback that may throw I/O errors. */
    @FunctionalInterface
    interface IoCallback {
        void run() throws IOException;
    }

    private final @Nullable String key;
    private final String correlationId;
    private final boolean snapshots;
    private volatile @Nullable Map<String, String> lastDispatchMdc;

    /**
     * @param key       the MDC key, {@code null} for none
     * @param snapshots whether {@link #snapshotForEnrichers()} keeps the MDC (only when enrichers run)
     */
    CorrelationMdc(@Nullable String key, String correlationId, boolean snapshots) {
        this.key = key;
        this.correlationId = correlationId;
        this.snapshots = snapshots;
    }

    /** Puts the correlation ID in the MDC until the scope is closed. */
    MdcScope enter() {
        return MdcScope.open().put(key, correlationId);
    }

    /** Runs a non-blocking I/O callback with the correlation ID in the MDC, restoring it after. */
    void run(IoCallback callback) throws IOException {
        try (MdcScope scope = enter()) {
            callback.run();
        }
    }

    /** Runs an error callback (which throws nothing checked) with the correlation ID in the MDC, restoring it after. */
    void runErrorCallback(Runnable callback) {
        try (MdcScope scope = enter()) {
            callback.run();
        }
    }

    /** Keeps a copy of this thread's MDC, when enrichers run: called at the end of each dispatch, inside its scope. */
    void snapshotForEnrichers() {
        if (!snapshots) {
            return;
        }
        try {
            lastDispatchMdc = MDC.getCopyOfContextMap();
        } catch (RuntimeException e) {
            // an MDC that fails has nothing to offer: the enrichers get an empty one
        }
    }

    /** The MDC at the end of the last dispatch; empty before any dispatch ended, or without snapshots. */
    Map<String, String> enricherSnapshot() {
        Map<String, String> mdc = lastDispatchMdc;
        return mdc == null ? Map.of() : mdc;
    }
}
