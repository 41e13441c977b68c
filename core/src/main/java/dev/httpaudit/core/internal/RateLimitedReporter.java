package dev.httpaudit.core.internal;

import org.slf4j.Logger;

/**
 * Reports delivery failures at most once per interval, with the count of those left
 * unreported since, so that a failing sink costs one log line a minute, not one per event.
 * Only the exception's type is logged: its message could carry a value redaction masks.
 */
public final class RateLimitedReporter {

    private final Logger logger;
    private final long intervalNanos;
    private final Object lock = new Object();
    private long lastReportNanos;
    private long unreported;
    private boolean reportedOnce;

    /** A reporter logging to {@code logger} at most once per {@code intervalNanos}. */
    public RateLimitedReporter(Logger logger, long intervalNanos) {
        this.logger = logger;
        this.intervalNanos = intervalNanos;
    }

    /** Reports {@code failure} now, or counts it for the next report. */
    public void report(String what, Throwable failure, Object counters) {
        long now = System.nanoTime();
        long suppressed;
        synchronized (lock) {
            if (reportedOnce && now - lastReportNanos < intervalNanos) {
                unreported++;
                return;
            }
            reportedOnce = true;
            lastReportNanos = now;
            suppressed = unreported;
            unreported = 0;
        }
        logger.warn("http-audit: {} ({}); {} more since the last report; {}",
                what, failure.getClass().getName(), suppressed, counters);
    }
}
