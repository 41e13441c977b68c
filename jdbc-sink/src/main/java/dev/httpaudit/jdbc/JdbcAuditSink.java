package dev.httpaudit.jdbc;

import dev.httpaudit.core.AuditCounters;
import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.AuditSink;
import dev.httpaudit.core.internal.DeliveryCounters;
import dev.httpaudit.core.internal.FailureReporter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes audit events to a database table through JDBC, in batches, behind its own bounded
 * queue: {@link #write(AuditEvent)} only queues, and one writer thread inserts a batch when
 * it holds {@code batchSize} events or when the first of them has waited {@code flushInterval},
 * one {@code executeBatch} per batch (one round trip on PostgreSQL in auto-commit).
 *
 * <p>Failures never reach the caller. While the database is unreachable, restarting, locked or
 * slow, the writer retries the batch in hand with a growing pause (up to {@code maxBackoff})
 * while new events wait in the queue; once it is full, new events are dropped and counted
 * ({@link Overflow#DROP}), or their callers wait up to the block timeout first
 * ({@link Overflow#BLOCK}). A retried batch is idempotent: the event id is the table's key,
 * and the insert skips a row already there (PostgreSQL {@code ON CONFLICT DO NOTHING}, H2
 * {@code MERGE ... KEY (event_id)}), so no event is ever stored twice. A batch the database
 * refuses for another reason (a value it cannot take) is written again one event at a time:
 * only the refused events are lost, counted as failed.
 *
 * <p>The database is first reached by the writer, never by the constructor: a database down
 * when the application starts only delays the first batch. The dialect is then detected, and
 * the table created when {@code initializeSchema} is on.
 *
 * <p>Delivery is counted here ({@link #counters()}, also {@link #deliveryCounters()}, so that
 * the pipeline reports them): {@code written} when a batch was committed, {@code failed} when the database refused an event, {@code dropped} when the queue
 * was full, the sink closed, or the shutdown timeout ran out. Once {@link #close()} has
 * returned, written + dropped + failed equals the events offered.
 */
public final class JdbcAuditSink implements AuditSink {

    /** What {@link #write(AuditEvent)} does when the queue is full. */
    public enum Overflow {
        /** Drop the event at once and count it; the caller never waits. */
        DROP,
        /** Wait up to the block timeout for room, then drop and count. */
        BLOCK
    }

    private static final Logger LOG = LoggerFactory.getLogger(JdbcAuditSink.class);
    private static final long IDLE_POLL_MILLIS = 50;

    private final DataSource dataSource;
    private final String table;
    private final boolean initializeSchema;
    private final int batchSize;
    private final long flushIntervalNanos;
    private final long minBackoffMillis;
    private final long maxBackoffMillis;
    private final BlockingQueue<AuditEvent> queue;
    private final int capacity;
    private final Overflow overflow;
    private final long blockTimeoutNanos;
    private final Duration shutdownTimeout;
    private final DeliveryCounters counters = new DeliveryCounters();
    private final FailureReporter reporter = FailureReporter.to(LOG);
    private final Thread writer;
    private @Nullable JdbcDialect dialect;
    private @Nullable String insertSql;
    private boolean schemaReady;
    private boolean unsupportedReported;
    private volatile boolean closed;
    /** Set when close() stops waiting: the writer then counts what it still holds as dropped. */
    private volatile boolean abandoned;

    private JdbcAuditSink(Builder builder) {
        this.dataSource = builder.dataSource;
        this.table = builder.table;
        this.dialect = builder.dialect;
        this.initializeSchema = builder.initializeSchema;
        this.schemaReady = !builder.initializeSchema;
        this.batchSize = builder.batchSize;
        this.flushIntervalNanos = builder.flushInterval.toNanos();
        this.minBackoffMillis = Math.max(1, builder.minBackoff.toMillis());
        this.maxBackoffMillis = Math.max(minBackoffMillis, builder.maxBackoff.toMillis());
        this.capacity = builder.queueCapacity;
        this.queue = new ArrayBlockingQueue<>(builder.queueCapacity);
        this.overflow = builder.overflow;
        this.blockTimeoutNanos = builder.blockTimeout.toNanos();
        this.shutdownTimeout = builder.shutdownTimeout;
        this.writer = new Thread(this::drainLoop, "http-audit-jdbc-writer");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** A builder for a sink writing to {@code dataSource}. */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /** Queues the event; never touches the database and never throws. */
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
            LOG.warn("http-audit: {} queued audit events could not be written to table {} within the shutdown timeout of {}; {}",
                    left.size(), table, shutdownTimeout, DeliveryCounters.describe(counters));
        }
    }

    /** What this sink delivered, dropped and failed. */
    public AuditCounters counters() {
        return counters;
    }

    /** Always present: this sink counts its own delivery (an event is written once its batch is in the database). */
    @Override
    public Optional<AuditCounters> deliveryCounters() {
        return Optional.of(counters);
    }

    /** The events waiting in the queue now. */
    @Override
    public OptionalInt queuedEvents() {
        return OptionalInt.of(queue.size());
    }

    /** Events waiting in the queue now. */
    public int queueDepth() {
        return queue.size();
    }

    /** The queue's capacity. */
    public int queueCapacity() {
        return capacity;
    }

    /** The table events go to. */
    public String table() {
        return table;
    }

    private void drainLoop() {
        List<AuditEvent> batch = new ArrayList<>(batchSize);
        while (true) {
            try {
                if (!collect(batch)) {
                    return;
                }
                deliver(batch);
            } catch (InterruptedException e) {
                // close() gave up waiting: the batch in hand is dropped, the queue counted there.
                batch.forEach(event -> counters.recordDropped());
                return;
            } catch (Throwable unexpected) {
                // The writer must survive everything, or every later event would be lost.
                batch.forEach(event -> counters.recordFailed());
                reporter.report("the JDBC audit writer hit an unexpected error", unexpected, counters);
            } finally {
                batch.clear();
            }
        }
    }

    /**
     * Fills {@code batch}: waits for a first event, then takes more until the batch is full
     * or the first has waited the flush interval (at once when closing).
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
        long deadline = System.nanoTime() + flushIntervalNanos;
        while (batch.size() < batchSize) {
            queue.drainTo(batch, batchSize - batch.size());
            long remaining = deadline - System.nanoTime();
            if (batch.size() >= batchSize || closed || remaining <= 0) {
                break;
            }
            AuditEvent next = queue.poll(remaining, TimeUnit.NANOSECONDS);
            if (next == null) {
                break;
            }
            batch.add(next);
        }
        return true;
    }

    /** Writes the batch, retrying while the failure is transient; counts every event once. */
    private void deliver(List<AuditEvent> batch) throws InterruptedException {
        long backoff = minBackoffMillis;
        while (!batch.isEmpty()) {
            if (abandoned) {
                batch.forEach(event -> counters.recordDropped());
                batch.clear();
                return;
            }
            SQLException failure = attempt(batch);
            if (failure == null) {
                return;
            }
            reporter.report("the JDBC audit sink could not write to " + table + " (SQLState "
                    + SqlFailures.state(failure) + "), retrying " + batch.size() + " events", failure, counters);
            TimeUnit.MILLISECONDS.sleep(backoff);
            backoff = Math.min(maxBackoffMillis, backoff * 2);
        }
    }

    /**
     * One try at the batch. Events written or refused are counted and removed from it.
     *
     * @return null when the batch is done, or the transient failure to retry it after
     */
    private @Nullable SQLException attempt(List<AuditEvent> batch) {
        try (Connection connection = dataSource.getConnection()) {
            prepare(connection);
            try {
                insert(connection, batch);
                batch.forEach(event -> counters.recordWritten());
                batch.clear();
                return null;
            } catch (SQLException e) {
                rollbackQuietly(connection);
                if (SqlFailures.isTransient(e) || !connection.isValid(2)) {
                    return e;
                }
                reporter.report("the database refused a batch of audit events in " + table + " (SQLState "
                        + SqlFailures.state(e) + "); writing them one at a time", e, counters);
            }
            return insertOneByOne(connection, batch);
        } catch (SQLException e) {
            // No connection, or it broke: the database is away. Retry.
            return e;
        }
    }

    private void prepare(Connection connection) throws SQLException {
        if (dialect == null) {
            try {
                dialect = JdbcDialect.of(connection);
            } catch (SQLException unsupported) {
                if (!unsupportedReported) {
                    unsupportedReported = true;
                    // The product name is no data of the application's: say it, once.
                    LOG.error("http-audit: {}; audit events wait in the queue, then are dropped", unsupported.getMessage());
                }
                throw unsupported;
            }
        }
        if (insertSql == null) {
            insertSql = dialect.insertSql(table);
        }
        if (!schemaReady) {
            try {
                JdbcSchema.create(connection, dialect, table);
                schemaReady = true;
            } catch (SQLException e) {
                rollbackQuietly(connection);
                if (SqlFailures.isTransient(e) || !connection.isValid(2)) {
                    throw e;
                }
                // Not allowed to create it (or another instance raced us): go on with the
                // inserts, which say soon enough whether the table is there.
                schemaReady = true;
                reporter.report("http-audit.jdbc.initialize-schema could not create " + table + " (SQLState "
                        + SqlFailures.state(e) + ")", e, counters);
            }
        }
    }

    private void insert(Connection connection, List<AuditEvent> events) throws SQLException {
        JdbcDialect current = Objects.requireNonNull(dialect);
        try (PreparedStatement statement = connection.prepareStatement(Objects.requireNonNull(insertSql))) {
            if (events.size() == 1) {
                EventRow.bind(statement, events.get(0), current);
                statement.executeUpdate();
            } else {
                for (AuditEvent event : events) {
                    EventRow.bind(statement, event, current);
                    statement.addBatch();
                }
                statement.executeBatch();
            }
        }
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }

    /** After a refused batch: each event alone, so that one bad event does not take the others with it. */
    private @Nullable SQLException insertOneByOne(Connection connection, List<AuditEvent> batch) {
        for (Iterator<AuditEvent> it = batch.iterator(); it.hasNext(); ) {
            AuditEvent event = it.next();
            try {
                insert(connection, List.of(event));
                counters.recordWritten();
            } catch (SQLException e) {
                rollbackQuietly(connection);
                if (SqlFailures.isTransient(e) || !isValid(connection)) {
                    return e; // this event and the rest are retried
                }
                counters.recordFailed();
                reporter.report("the database refused an audit event in " + table + " (SQLState "
                        + SqlFailures.state(e) + ")", e, counters);
            }
            it.remove();
        }
        return null;
    }

    private static boolean isValid(Connection connection) {
        try {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
        } catch (SQLException ignored) {
            // the connection is broken; closing it is all that is left
        }
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
        private int queueCapacity = 8192;
        private Overflow overflow = Overflow.DROP;
        private Duration blockTimeout = Duration.ofMillis(100);
        private Duration shutdownTimeout = Duration.ofSeconds(10);

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
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size must be at least 1, was " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /** Longest time the first event of a batch waits for the batch to fill (default 500 ms). */
        public Builder flushInterval(Duration flushInterval) {
            if (flushInterval.isNegative()) {
                throw new IllegalArgumentException("flush interval must not be negative, was " + flushInterval);
            }
            this.flushInterval = flushInterval;
            return this;
        }

        /** First and longest pause between retries of a batch (default 100 ms, doubling up to 5 s). */
        public Builder retryBackoff(Duration min, Duration max) {
            if (min.isNegative() || max.compareTo(min) < 0) {
                throw new IllegalArgumentException("retry backoff must be 0 <= min <= max, was " + min + ", " + max);
            }
            this.minBackoff = min;
            this.maxBackoff = max;
            return this;
        }

        /** Queue size (default 8192): how many events wait while the database is away. */
        public Builder queueCapacity(int queueCapacity) {
            if (queueCapacity < 1) {
                throw new IllegalArgumentException("queue capacity must be at least 1, was " + queueCapacity);
            }
            this.queueCapacity = queueCapacity;
            return this;
        }

        /** Policy when the queue is full (default {@link Overflow#DROP}). */
        public Builder overflow(Overflow overflow) {
            this.overflow = Objects.requireNonNull(overflow, "overflow");
            return this;
        }

        /** Longest wait of a caller on a full queue with {@link Overflow#BLOCK} (default 100 ms). */
        public Builder blockTimeout(Duration blockTimeout) {
            if (blockTimeout.isNegative()) {
                throw new IllegalArgumentException("block timeout must not be negative, was " + blockTimeout);
            }
            this.blockTimeout = blockTimeout;
            return this;
        }

        /** Time given to write what is queued on {@link #close()} (default 10 s). */
        public Builder shutdownTimeout(Duration shutdownTimeout) {
            if (shutdownTimeout.isNegative()) {
                throw new IllegalArgumentException("shutdown timeout must not be negative, was " + shutdownTimeout);
            }
            this.shutdownTimeout = shutdownTimeout;
            return this;
        }

        /** Builds the sink and starts its writer thread (which does not touch the database until an event comes). */
        public JdbcAuditSink build() {
            return new JdbcAuditSink(this);
        }
    }
}
