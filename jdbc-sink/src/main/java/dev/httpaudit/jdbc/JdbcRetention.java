package dev.httpaudit.jdbc;

import dev.httpaudit.core.internal.Counts;
import dev.httpaudit.core.internal.Durations;
import dev.httpaudit.core.internal.FailureReporter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes audit events older than the retention period, in small batches (each its own short
 * transaction, so the table is never locked for long), either once ({@link #purge()}) or every
 * interval on a daemon thread ({@link #start()}). Off unless built: nothing is deleted by
 * default. For very large tables on PostgreSQL, partition by time and drop old partitions
 * instead (docs/jdbc.md).
 */
public final class JdbcRetention implements AutoCloseable {

    /** What one purge did. */
    public record Result(long deleted, int batches) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(JdbcRetention.class);

    private final DataSource dataSource;
    private final String table;
    private final Duration retention;
    private final int batchSize;
    private final Duration interval;
    private final Duration pause;
    private final Clock clock;
    private final FailureReporter reporter = FailureReporter.to(LOG);
    private @Nullable JdbcDialect dialect;
    private @Nullable ScheduledExecutorService scheduler;

    private JdbcRetention(Builder builder) {
        this.dataSource = builder.dataSource;
        this.table = builder.table;
        this.retention = builder.retention;
        this.batchSize = builder.batchSize;
        this.interval = builder.interval;
        this.pause = builder.pause;
        this.clock = builder.clock;
        this.dialect = builder.dialect;
    }

    /** A builder purging events older than {@code retention} from {@code dataSource}. */
    public static Builder builder(DataSource dataSource, Duration retention) {
        return new Builder(dataSource, retention);
    }

    /**
     * Deletes every event whose {@code event_time} is older than now minus the retention, a
     * batch at a time, until a batch deletes fewer than the batch size.
     */
    public Result purge() throws SQLException {
        Instant cutoff = clock.instant().minus(retention);
        long deleted = 0;
        int batches = 0;
        while (true) {
            int n = purgeBatch(cutoff);
            batches++;
            deleted += n;
            if (n < batchSize) {
                return new Result(deleted, batches);
            }
            if (!pause.isZero()) {
                try {
                    Thread.sleep(pause.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new Result(deleted, batches);
                }
            }
        }
    }

    /** Purges now and then every interval, on a daemon thread; failures are logged (rate-limited), never thrown. */
    public synchronized JdbcRetention start() {
        if (scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "http-audit-jdbc-retention");
                thread.setDaemon(true);
                return thread;
            });
            scheduler.scheduleWithFixedDelay(this::purgeQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /** Stops the schedule (a purge under way finishes its batch). */
    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    private void purgeQuietly() {
        try {
            Result result = purge();
            if (result.deleted() > 0) {
                LOG.info("http-audit: retention purged {} audit events older than {} from {} in {} batches",
                        result.deleted(), retention, table, result.batches());
            }
        } catch (SQLException | RuntimeException e) {
            reporter.report("the retention purge of " + table + " (retention " + retention + ") failed", e, null);
        }
    }

    private int purgeBatch(Instant cutoff) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            if (dialect == null) {
                dialect = JdbcDialect.of(connection);
            }
            try (PreparedStatement delete = connection.prepareStatement(dialect.purgeSql(table))) {
                delete.setObject(1, OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC));
                delete.setInt(2, batchSize);
                int n = delete.executeUpdate();
                if (!connection.getAutoCommit()) {
                    connection.commit();
                }
                return n;
            }
        }
    }

    /** Builds a {@link JdbcRetention}. */
    public static final class Builder {
        private final DataSource dataSource;
        private final Duration retention;
        private String table = JdbcSchema.DEFAULT_TABLE;
        private @Nullable JdbcDialect dialect;
        private int batchSize = 1000;
        private Duration interval = Duration.ofHours(1);
        private Duration pause = Duration.ofMillis(100);
        private Clock clock = Clock.systemUTC();

        private Builder(DataSource dataSource, Duration retention) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
            this.retention = Durations.requirePositive("retention", retention);
        }

        /** The table (default {@value JdbcSchema#DEFAULT_TABLE}). */
        public Builder table(String table) {
            this.table = JdbcSchema.checkTableName(table);
            return this;
        }

        /** The database's dialect (default: detected). */
        public Builder dialect(JdbcDialect dialect) {
            this.dialect = Objects.requireNonNull(dialect, "dialect");
            return this;
        }

        /** Most rows one delete removes (default 1000). */
        public Builder batchSize(int batchSize) {
            this.batchSize = Counts.requireAtLeastOne("purge batch size", batchSize);
            return this;
        }

        /** Time between scheduled purges (default 1 h). */
        public Builder interval(Duration interval) {
            this.interval = Durations.requirePositive("purge interval", interval);
            return this;
        }

        /** Pause between two batches of one purge, to let other work at the table (default 100 ms). */
        public Builder pause(Duration pause) {
            this.pause = Durations.requireNonNegative("purge pause", pause);
            return this;
        }

        /** The clock "now" is read from (default UTC system clock). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public JdbcRetention build() {
            return new JdbcRetention(this);
        }
    }
}
