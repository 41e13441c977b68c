package dev.httpaudit.jdbc;

import dev.httpaudit.core.AuditCounters;
import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.AuditSink;
import dev.httpaudit.core.internal.DeliveryCounters;
import dev.httpaudit.core.internal.FailureReporter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The synchronous part of the JDBC sink, behind the queue of an {@code AsyncAuditSink}:
 * {@link #write} adds the event to the pending batch, {@link #flush()} inserts it in one
 * {@code executeBatch} (one round trip on PostgreSQL in auto-commit) and returns once every
 * event of it is counted. The queue's writer thread is the only caller of both.
 *
 * <p>While the database is away, locked or slow, {@link #flush()} retries the batch with a
 * pause doubling up to the longest backoff: the queue's writer waits, the queue fills, and its
 * overflow policy decides what happens to new events. A retried batch is idempotent (the insert
 * skips an event id already in the table). The retries stop when the thread is interrupted
 * (the queue's {@code close()} past its shutdown timeout) or this writer is closed: the batch
 * in hand is then counted as dropped (some drivers swallow an interrupt that comes during a
 * connection attempt: close ends the pause between retries in any case). A batch the database refuses for a reason that will not
 * pass is written again one event at a time, so that only the refused events are lost.
 *
 * <p>The database is first reached by the first flush, never by the constructor: a database
 * down at start only delays the first batch. The dialect is then detected, and the table
 * created when asked.
 */
final class JdbcBatchWriter implements AuditSink {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcAuditSink.class);
    /** How long close() waits for a flush in progress on the writer thread before leaving the batch to it. */
    private static final long CLOSE_LOCK_MILLIS = 1000;

    private final DataSource dataSource;
    private final String table;
    private final int batchSize;
    private final long minBackoffMillis;
    private final long maxBackoffMillis;
    private final DeliveryCounters counters = new DeliveryCounters();
    /** What a failure report appends: the whole sink's counts (the queue's drops too) once the sink has said so. */
    private volatile AuditCounters reported = counters;
    private final FailureReporter reporter = FailureReporter.to(LOG);
    /** Held by write and flush (the queue's writer thread) and by close, which must not take a batch from under a flush. */
    private final ReentrantLock lock = new ReentrantLock();
    private final List<AuditEvent> pending;
    private @Nullable JdbcDialect dialect;
    private @Nullable String insertSql;
    private boolean schemaReady;
    private boolean unsupportedReported;
    private volatile boolean closed;
    /** Opened by close(): ends a pause between retries at once, even where a driver swallowed the interrupt. */
    private final CountDownLatch closing = new CountDownLatch(1);

    JdbcBatchWriter(DataSource dataSource, String table, @Nullable JdbcDialect dialect, boolean initializeSchema,
            int batchSize, long minBackoffMillis, long maxBackoffMillis) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.table = table;
        this.dialect = dialect;
        this.schemaReady = !initializeSchema;
        this.batchSize = batchSize;
        this.minBackoffMillis = Math.max(1, minBackoffMillis);
        this.maxBackoffMillis = Math.max(this.minBackoffMillis, maxBackoffMillis);
        this.pending = new ArrayList<>(Math.min(batchSize, 1024));
    }

    /** Adds the event to the pending batch; inserts the batch once it holds the batch size. */
    @Override
    public void write(AuditEvent event) {
        lock.lock();
        try {
            if (closed) {
                counters.recordDropped();
                return;
            }
            pending.add(event);
            if (pending.size() >= batchSize) {
                deliverPending();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Inserts the pending batch, retrying while the failure is transient; every event of it is counted on return. */
    @Override
    public void flush() {
        lock.lock();
        try {
            deliverPending();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops the retries and counts a batch left pending (the queue's writer gave up on it) as
     * dropped. A flush still in progress on the writer thread (an insert the driver does not
     * interrupt) keeps its batch and counts it when it returns. Leaves the data source open.
     */
    @Override
    public void close() {
        closed = true;
        closing.countDown();
        try {
            if (lock.tryLock(CLOSE_LOCK_MILLIS, TimeUnit.MILLISECONDS)) {
                try {
                    dropPending();
                } finally {
                    lock.unlock();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Makes failure reports show {@code sinkCounters} (the queue's drops and these), not this writer's counts alone. */
    void reportCounters(AuditCounters sinkCounters) {
        this.reported = Objects.requireNonNull(sinkCounters, "sinkCounters");
    }

    /** What this writer wrote, refused and gave up on: the queue in front adds its own drops to these. */
    @Override
    public Optional<AuditCounters> deliveryCounters() {
        return Optional.of(counters);
    }

    private void deliverPending() {
        long backoff = minBackoffMillis;
        while (!pending.isEmpty()) {
            if (closed || Thread.currentThread().isInterrupted()) {
                dropPending();
                return;
            }
            SQLException failure = attempt(pending);
            if (failure == null) {
                return;
            }
            reporter.report("the JDBC audit sink could not write to " + table + " (SQLState "
                    + SqlFailures.state(failure) + "), retrying " + pending.size() + " events", failure, reported);
            try {
                closing.await(backoff, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                // The queue's close() gave up waiting: keep the interrupt for its writer loop.
                Thread.currentThread().interrupt();
            }
            backoff = Math.min(maxBackoffMillis, backoff * 2);
        }
    }

    private void dropPending() {
        pending.forEach(event -> counters.recordDropped());
        pending.clear();
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
                        + SqlFailures.state(e) + "); writing them one at a time", e, reported);
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
                        + SqlFailures.state(e) + ")", e, reported);
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
                        + SqlFailures.state(e) + ")", e, reported);
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
}
