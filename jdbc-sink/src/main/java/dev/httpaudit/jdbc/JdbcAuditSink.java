package dev.httpaudit.jdbc;

import dev.httpaudit.core.AuditCounters;
import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.AuditSink;
import dev.httpaudit.core.internal.Counts;
import dev.httpaudit.core.internal.Durations;
import dev.httpaudit.core.internal.OwnQueue;
import dev.httpaudit.core.sink.AsyncAuditSink;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Writes audit events to a database table through JDBC, in batches, behind a bounded queue of
 * its own (an {@link AsyncAuditSink}): {@link #write(AuditEvent)} only queues, and the queue's
 * writer thread inserts a batch when it holds {@code batchSize} events, or when the queue has
 * run empty and the batch's first event has waited {@code flushInterval}, one
 * {@code executeBatch} per batch (one round trip on PostgreSQL in auto-commit).
 *
 * <p>Failures never reach the caller. While the database is unreachable, restarting, locked or
 * slow, the writer retries the batch in hand with a growing pause (up to {@code maxBackoff})
 * while new events wait in the queue; once it is full, new events are dropped and counted
 * ({@link AsyncAuditSink.Overflow#DROP}), or their callers wait up to the block timeout first
 * ({@link AsyncAuditSink.Overflow#BLOCK}). A retried batch is idempotent: the event id is the
 * table's key, and the insert skips a row already there (PostgreSQL
 * {@code ON CONFLICT DO NOTHING}, H2 {@code MERGE ... KEY (event_id)}), so no event is ever
 * stored twice. A batch the database refuses for another reason (a value it cannot take) is
 * written again one event at a time: only the refused events are lost, counted as failed.
 *
 * <p>The database is first reached by the writer, never by the constructor: a database down
 * when the application starts only delays the first batch. The dialect is then detected, and
 * the table created when {@code initializeSchema} is on.
 *
 * <p>Delivery is counted here ({@link #counters()}, also {@link #deliveryCounters()}, so that
 * the pipeline reports them): {@code written} when a batch was committed, {@code failed} when
 * the database refused an event, {@code dropped} when the queue was full, the sink closed, or
 * the shutdown timeout ran out. Once {@link #close()} has returned, written + dropped + failed
 * equals the events offered.
 */
public final class JdbcAuditSink implements AuditSink, OwnQueue {

    private final String table;
    private final AsyncAuditSink queue;

    private JdbcAuditSink(Builder builder) {
        this.table = builder.table;
        JdbcBatchWriter writer = new JdbcBatchWriter(builder.dataSource, builder.table, builder.dialect,
                builder.initializeSchema, builder.batchSize, builder.minBackoff.toMillis(), builder.maxBackoff.toMillis());
        this.queue = AsyncAuditSink.builder(writer)
                .queueCapacity(builder.queueCapacity)
                .overflow(builder.overflow)
                .blockTimeout(builder.blockTimeout)
                .shutdownTimeout(builder.shutdownTimeout)
                .batchSize(builder.batchSize)
                .batchWait(builder.flushInterval)
                .build();
        writer.reportCounters(queue.counters());
    }

    /** A builder for a sink writing to {@code dataSource}. */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /** Queues the event; never touches the database and never throws. */
    @Override
    public void write(AuditEvent event) {
        queue.write(event);
    }

    /** Does nothing: batches go out by size and by time, on the writer thread. */
    @Override
    public void flush() {
    }

    /**
     * Stops taking events, writes what is queued within the shutdown timeout, and counts the
     * rest as dropped. Leaves the data source open (it belongs to the caller). Idempotent.
     */
    @Override
    public void close() {
        queue.close();
    }

    /** What this sink delivered, dropped and failed. */
    public AuditCounters counters() {
        return queue.counters();
    }

    /** Always present: this sink counts its own delivery (an event is written once its batch is in the database). */
    @Override
    public Optional<AuditCounters> deliveryCounters() {
        return queue.deliveryCounters();
    }

    /** The events waiting in the queue now. */
    @Override
    public OptionalInt queuedEvents() {
        return queue.queuedEvents();
    }

    /** Events waiting in the queue now. */
    public int queueDepth() {
        return queue.queueDepth();
    }

    /** The queue's capacity. */
    public int queueCapacity() {
        return queue.queueCapacity();
    }

    /** The table events go to. */
    public String table() {
        return table;
    }

    /** Builds a {@link JdbcAuditSink}; the defaults match the Spring starter's. */
    public static final class Builder {
        private final DataSource dataSource;
        private String table = JdbcSchema.DEFAULT_TABLE;
        private @Nullable JdbcDialect dialect;
        private boolean initializeSchema;
        private int batchSize = 500;
        private Duration flushInterval = Duration.ofMillis(500);
        private Duration minBackoff = Duration.ofMillis(100);
        private Duration maxBackoff = Duration.ofSeconds(5);
        private int queueCapacity = AsyncAuditSink.DEFAULT_QUEUE_CAPACITY;
        private AsyncAuditSink.Overflow overflow = AsyncAuditSink.DEFAULT_OVERFLOW;
        private Duration blockTimeout = AsyncAuditSink.DEFAULT_BLOCK_TIMEOUT;
        private Duration shutdownTimeout = AsyncAuditSink.DEFAULT_SHUTDOWN_TIMEOUT;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /** The table (default {@value JdbcSchema#DEFAULT_TABLE}); optionally schema-qualified. */
        public Builder table(String table) {
            this.table = JdbcSchema.checkTableName(table);
            return this;
        }

        /** The database's dialect (default: detected from the first connection). */
        public Builder dialect(JdbcDialect dialect) {
            this.dialect = Objects.requireNonNull(dialect, "dialect");
            return this;
        }

        /** Create the table and its indexes if missing, before the first batch (default false). */
        public Builder initializeSchema(boolean initializeSchema) {
            this.initializeSchema = initializeSchema;
            return this;
        }

        /** Most events per insert (default 500). */
        public Builder batchSize(int batchSize) {
            this.batchSize = Counts.requireAtLeastOne("batch size", batchSize);
            return this;
        }

        /**
         * Longest time the first event of a batch waits for the batch to fill (default 500 ms):
         * the queue's batch wait. Zero: a batch is what is queued when the writer comes for it.
         */
        public Builder flushInterval(Duration flushInterval) {
            this.flushInterval = Durations.requireNonNegative("flush interval", flushInterval);
            return this;
        }

        /** First and longest pause between retries of a batch (default 100 ms, doubling up to 5 s). */
        public Builder retryBackoff(Duration min, Duration max) {
            Durations.requireNonNegative("retry backoff", min);
            if (max.compareTo(min) < 0) {
                throw new IllegalArgumentException("retry backoff must be 0 <= min <= max, was " + min + ", " + max);
            }
            this.minBackoff = min;
            this.maxBackoff = max;
            return this;
        }

        /** Queue size (default 8192): how many events wait while the database is away. */
        public Builder queueCapacity(int queueCapacity) {
            this.queueCapacity = Counts.requireAtLeastOne("queue capacity", queueCapacity);
            return this;
        }

        /** Policy when the queue is full (default {@link AsyncAuditSink.Overflow#DROP}). */
        public Builder overflow(AsyncAuditSink.Overflow overflow) {
            this.overflow = Objects.requireNonNull(overflow, "overflow");
            return this;
        }

        /** Longest wait of a caller on a full queue with {@link AsyncAuditSink.Overflow#BLOCK} (default 100 ms). */
        public Builder blockTimeout(Duration blockTimeout) {
            this.blockTimeout = Durations.requireNonNegative("block timeout", blockTimeout);
            return this;
        }

        /** Time given to write what is queued on {@link #close()} (default 10 s). */
        public Builder shutdownTimeout(Duration shutdownTimeout) {
            this.shutdownTimeout = Durations.requireNonNegative("shutdown timeout", shutdownTimeout);
            return this;
        }

        /** Builds the sink and starts its writer thread (which does not touch the database until an event comes). */
        public JdbcAuditSink build() {
            return new JdbcAuditSink(this);
        }
    }
}
