package dev.httpaudit.core.internal;

import dev.httpaudit.core.AuditCounters;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * Reports failures of auditing at most once per {@link #INTERVAL}, with the count of those
 * left unreported since, so that a failing sink costs one log line a minute, not one per
 * event. Only the exception's type is logged: its message could carry a value redaction
 * masks. Never throws: a failing logger must not fail a request either.
 */
public final class FailureReporter {

    /** The shortest time between two reports of one reporter. */
    public static final Duration INTERVAL = Duration.ofMinutes(1);

    private static final long INTERVAL_NANOS = INTERVAL.toNanos();

    private final Logger logger;
    private final Object lock = new Object();
    private long lastReportNanos;
    private long unreported;
    private boolean reportedOnce;

    private FailureReporter(Logger logger) {
        this.logger = logger;
    }

    /** A reporter logging to {@code logger} at most once per {@link #INTERVAL}. */
    public static FailureReporter to(Logger logger) {
        return new FailureReporter(logger);
    }

    /**
     * Reports {@code failure} now, or counts it for the next report; {@code counters}, when
     * given, are appended so that the line says what was lost so far.
     */
    public void report(String what, Throwable failure, @Nullable AuditCounters counters) {
        long now = System.nanoTime();
        long suppressed;
        synchronized (lock) {
            if (reportedOnce && now - lastReportNanos < INTERVAL_NANOS) {
                unreported++;
                return;
            }
            reportedOnce = true;
            lastReportNanos = now;
            suppressed = unreported;
            unreported = 0;
        }
        try {
            logger.warn("http-audit: {} ({}); {} more since the last report; {}",
                    what, failure.getClass().getName(), suppressed,
                    counters == null ? "" : DeliveryCounters.describe(counters));
        } catch (RuntimeException ignored) {
            // logging must not fail the request
        }
    }
}
