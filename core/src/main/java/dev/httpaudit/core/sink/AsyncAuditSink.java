package dev.httpaudit.core.sink;

import dev.httpaudit.core.AuditCounters;
import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.AuditSink;
import dev.httpaudit.core.internal.DeliveryCounters;
import dev.httpaudit.core.internal.Counts;
import dev.httpaudit.core.internal.Durations;
import dev.httpaudit.core.internal.FailureReporter;
import dev.httpaudit.core.internal.OwnQueue;
import dev.httpaudit.core.internal.SummedCounters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded queue in front of another sink, drained by one background writer thread in
 * batches (the delegate's {@link AuditSink#flush()} is called after each batch), so that a
 * slow or failing sink never slows or fails a request beyond the chosen {@link Overflow}
 * policy.
 *
 * <p>A batch is what the queue holds when the writer takes its first event, up to the batch
 * size (256 by default): under load batches fill up, and when the queue runs empty the batch
 * goes out at once. With a batch wait, the writer waits up to that long after a batch's first
 * event for the batch to fill, so that a delegate that writes a batch in one round trip (the
 * JDBC sink) makes fewer, larger ones at a moderate rate. A delegate that blocks (a database
 * that is away, retried) holds the writer: the queue then fills and the overflow policy
 * applies. On {@link #close()} past the shutdown timeout the writer is interrupted; a
 * delegate should then stop waiting.
 *
 * <p>Delivery is counted here: {@code written} when the delegate accepted an event,
 * {@code failed} when it threw, {@code dropped} when the queue was full (after the block
 * timeout, with {@link Overflow#BLOCK}), when the sink was already closed, or when the
 * shutdown timeout ran out with events still queued. Written + dropped + failed equals the
 * events offered, once {@link #close()} has returned.
 *
 * <p>{@link #close()} drains everything queued within the shutdown timeout, then closes the
 * delegate; what could not be written is counted as dropped and reported in one log line.
 */
public final class AsyncAuditSink implements AuditSink, OwnQueue {

    /** What {@link #write(AuditEvent)} does when the queue is full. */
    public enum Overflow {
        /** Drop the event at once and count it; the request thread never waits. */
        DROP,
        /** Wait up to the block timeout for room, then drop and count. */
        BLOCK
    }

    /** The default queue size. */
    public static final int DEFAULT_QUEUE_CAPACITY = 8192;

    /** The default policy of a full queue. */
    public static final Overflow DEFAULT_OVERFLOW = Overflow.DROP;

    /** The default longest wait of a request thread on a full queue with {@link Overflow#BLOCK}. */
    public static final Duration DEFAULT_BLOCK_TIMEOUT = Duration.ofMillis(100);

    /** The default time given to drain the queue on {@link #close()}. */
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

    /** The default most events handed to the delegate between two of its flushes. */
    public static final int DEFAULT_BATCH_SIZE = 256;

    private static final Logger LOG = LoggerFactory.getLogger(AsyncAuditSink.class);
    private static final long IDLE_POLL_MILLIS = 50;
    private static final long IDLE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(IDLE_POLL_MILLIS);

    private final AuditSink delegate;
    private final BlockingQueue<AuditEvent> queue;
    private final int capacity;
    private final Overflow overflow;
    private final long blockTimeoutNanos;
    private final Duration shutdownTimeout;
    private final int batchSize;
    private final long batchWaitNanos;
    /** What this sink counted itself: drops at the queue, failures of the delegate, and its writes. */
    private final DeliveryCounters counters = new DeliveryCounters();
    /** True when the delegate counts its own delivery (a Kafka or JDBC sink, or a composite holding one). */
    private final boolean delegateCounts;
    /** This sink's counts, plus the delegate's own when it keeps them. */
    private final AuditCounters reported;
    private final FailureReporter reporter = FailureReporter.to(LOG);
    private final Thread writer;
    private volatile boolean closed;
    /** Set when close() stops waiting: the writer then counts what it still holds as dropped. */
    private volatile boolean abandoned;

    private AsyncAuditSink(Builder builder) {
        this.delegate = builder.delegate;
        // A delegate that finishes delivery later (Kafka, JDBC) knows what it really wrote:
        // a returned write() is then not counted as written here, the delegate's counts join ours.
        AuditCounters delegates = builder.delegate.deliveryCounters().orElse(null);
        this.delegateCounts = delegates != null;
        this.reported = delegates == null ? counters : new SummedCounters(java.util.List.of(counters, delegates));
        this.capacity = builder.queueCapacity;
        this.queue = new ArrayBlockingQueue<>(builder.queueCapacity);
        this.overflow = builder.overflow;
        this.blockTimeoutNanos = builder.blockTimeout.toNanos();
        this.shutdownTimeout = builder.shutdownTimeout;
        this.batchSize = builder.batchSize;
        this.batchWaitNanos = builder.batchWait.toNanos();
        this.writer = new Thread(this::drainLoop, "http-audit-writer");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** A builder for an async sink in front of {@code delegate}. */
    public static Builder builder(AuditSink delegate) {
        return new Builder(delegate);
    }

    @Override
    public void write(AuditEvent event) {
        if (closed) {
            counters.recordDropped();
            return;
        }
        boolean queued;
        if (overflow == Overflow.DROP) {
            queued = queue.offer(event);
        } else {
            try {
                queued = queue.offer(event, blockTimeoutNanos, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                queued = false;
            }
        }
        if (!queued) {
            counters.recordDropped();
        } else if (closed && queue.remove(event)) {
            // close() raced this write and has already drained: count it rather than strand it.
            counters.recordDropped();
        }
    }

    /** Does nothing: the writer flushes the delegate after every batch. */
    @Override
    public void flush() {
    }

    /**
     * Stops taking events, drains the queue to the delegate within the shutdown timeout, then
     * closes the delegate. Idempotent.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            writer.join(Math.max(1, shutdownTimeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            abandoned = true;
            writer.interrupt();
            try {
                // Give the writer a moment to account for its batch; a delegate that ignores
                // interrupts keeps its one event, which is then counted by nobody.
                writer.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<AuditEvent> left = new ArrayList<>();
        queue.drainTo(left);
        if (!left.isEmpty()) {
            for (int i = 0; i < left.size(); i++) {
                counters.recordDropped();
            }
            LOG.warn("http-audit: {} queued audit events could not be written within the shutdown timeout of {}; {}",
                    left.size(), shutdownTimeout, reported);
        }
        try {
            delegate.close();
        } catch (RuntimeException e) {
            reporter.report("the audit sink failed to close", e, reported);
        }
    }

    /** The counters of this sink: what its writer really wrote, and what was dropped or lost. */
    public AuditCounters counters() {
        return reported;
    }

    /** This sink's {@link #counters()}: {@link #write} only queues, the writer delivers. */
    @Override
    public Optional<AuditCounters> deliveryCounters() {
        return Optional.of(reported);
    }

    /** Events waiting in the queue now. */
    public int queueDepth() {
        return queue.size();
    }

    /** {@link #queueDepth()}: this sink holds events by design. */
    @Override
    public OptionalInt queuedEvents() {
        return OptionalInt.of(queue.size());
    }

    /** The queue's capacity. */
    public int queueCapacity() {
        return capacity;
    }

    /** The sink events are handed to. */
    public AuditSink delegate() {
        return delegate;
    }

    private void drainLoop() {
        List<AuditEvent> batch = new ArrayList<>(Math.min(batchSize, DEFAULT_BATCH_SIZE));
        while (true) {
            try {
                if (!collect(batch)) {
                    return;
                }
                writeBatch(batch);
            } catch (InterruptedException e) {
                // close() gave up waiting: what is still queued is counted there, what this
                // batch took already (during a batch wait) here.
                batch.forEach(event -> counters.recordDropped());
                return;
            } catch (Throwable unexpected) {
                // The writer must survive everything, or every later event would be lost.
                reporter.report("the audit writer hit an unexpected error", unexpected, reported);
            } finally {
                batch.clear();
            }
        }
    }

    /**
     * Fills {@code batch}: waits for a first event, takes what else is queued up to the batch
     * size, then, with a batch wait, waits for more until the batch is full or the first event
     * has waited that long (not when closing).
     *
     * @return false when the sink is closed and nothing is left
     */
    private boolean collect(List<AuditEvent> batch) throws InterruptedException {
        AuditEvent first;
        do {
            first = queue.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
            if (first == null && closed && queue.isEmpty()) {
                return false;
            }
        } while (first == null);
        batch.add(first);
        queue.drainTo(batch, batchSize - 1);
        long deadline = System.nanoTime() + batchWaitNanos;
        while (batch.size() < batchSize && !closed) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                break;
            }
            // in slices, so that close() is noticed within one, not after a long batch wait
            AuditEvent next = queue.poll(Math.min(remaining, IDLE_POLL_NANOS), TimeUnit.NANOSECONDS);
            if (next != null) {
                batch.add(next);
                queue.drainTo(batch, batchSize - batch.size());
            }
        }
        return true;
    }

    private void writeBatch(List<AuditEvent> batch) {
        for (AuditEvent event : batch) {
            if (abandoned) {
                counters.recordDropped();
                continue;
            }
            try {
                delegate.write(event);
                if (!delegateCounts) {
                    counters.recordWritten();
                }
            } catch (Throwable e) {
                counters.recordFailed();
                reporter.report("the audit sink failed to write an event", e, reported);
            }
        }
        boolean wroteAny = !batch.isEmpty() && !abandoned;
        batch.clear();
        if (!wroteAny) {
            return;
        }
        try {
            delegate.flush();
        } catch (Throwable e) {
            reporter.report("the audit sink failed to flush", e, reported);
        }
    }

    /** Builds an {@link AsyncAuditSink}; the defaults match the Spring starter's. */
    public static final class Builder {
        private final AuditSink delegate;
        private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
        private Overflow overflow = DEFAULT_OVERFLOW;
        private Duration blockTimeout = DEFAULT_BLOCK_TIMEOUT;
        private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;
        private int batchSize = DEFAULT_BATCH_SIZE;
        private Duration batchWait = Duration.ZERO;

        private Builder(AuditSink delegate) {
            this.delegate = Objects.requireNonNull(delegate, "delegate");
        }

        /** Queue size (default 8192). */
        public Builder queueCapacity(int queueCapacity) {
            this.queueCapacity = Counts.requireAtLeastOne("queue capacity", queueCapacity);
            return this;
        }

        /** Policy when the queue is full (default {@link Overflow#DROP}). */
        public Builder overflow(Overflow overflow) {
            this.overflow = Objects.requireNonNull(overflow, "overflow");
            return this;
        }

        /** Longest wait of a request thread on a full queue with {@link Overflow#BLOCK} (default 100 ms). */
        public Builder blockTimeout(Duration blockTimeout) {
            this.blockTimeout = Durations.requireNonNegative("block timeout", blockTimeout);
            return this;
        }

        /** Time given to drain the queue on {@link #close()} (default 10 s). */
        public Builder shutdownTimeout(Duration shutdownTimeout) {
            this.shutdownTimeout = Durations.requireNonNegative("shutdown timeout", shutdownTimeout);
            return this;
        }

        /** Most events handed to the delegate between two of its {@link AuditSink#flush()}es (default 256). */
        public Builder batchSize(int batchSize) {
            this.batchSize = Counts.requireAtLeastOne("batch size", batchSize);
            return this;
        }

        /**
         * Longest time the writer waits after a batch's first event for the batch to fill
         * (default zero: a batch is what is queued, and goes out when the queue runs empty).
         */
        public Builder batchWait(Duration batchWait) {
            this.batchWait = Durations.requireNonNegative("batch wait", batchWait);
            return this;
        }

        /** Builds the sink and starts its writer thread. */
        public AsyncAuditSink build() {
            return new AsyncAuditSink(this);
        }
    }
}
