package dev.httpaudit.spring.jdbc;

import dev.httpaudit.core.sink.AsyncAuditSink;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code http-audit.jdbc.*} properties: the JDBC sink (module {@code http-audit-jdbc}),
 * which writes every audit event to a database table besides the other sinks.
 */
@ConfigurationProperties(prefix = "http-audit.jdbc")
public class HttpAuditJdbcProperties {

    /** Whether audit events are also written to a database table (needs http-audit-jdbc on the class path). */
    private boolean enabled;

    /** The table (optionally schema.table). */
    private String table = "http_audit_event";

    /** Whether the table and its indexes are created if missing (PostgreSQL or H2 DDL shipped in the jar). */
    private boolean initializeSchema;

    /** JDBC URL of a database of the audit trail's own (a HikariCP pool); unset: the application's DataSource. */
    private @Nullable String url;

    /** User name for url. */
    private @Nullable String username;

    /** Password for url. */
    private @Nullable String password;

    /** Most events per insert. */
    private int batchSize = 500;

    /** Longest time the first event of a batch waits for the batch to fill. */
    private Duration flushInterval = Duration.ofMillis(500);

    /** Events that wait while the database is slow or away; beyond them new events are dropped and counted. */
    private int queueCapacity = 8192;

    /** What happens to an event when the queue is full: drop (count it) or block (wait up to block-timeout). */
    private AsyncAuditSink.Overflow overflow = AsyncAuditSink.Overflow.DROP;

    /** Longest wait of the caller on a full queue with overflow=block. */
    private Duration blockTimeout = Duration.ofMillis(100);

    /** Longest pause between two retries of a batch while the database is away. */
    private Duration maxRetryBackoff = Duration.ofSeconds(5);

    /** Time given to write the queue on shutdown. */
    private Duration shutdownTimeout = Duration.ofSeconds(10);

    /** Events older than this are purged (e.g. 90d); unset: never. */
    private @Nullable Duration retention;

    /** Time between two retention purges. */
    private Duration purgeInterval = Duration.ofHours(1);

    /** Most rows one delete of the purge removes. */
    private int purgeBatchSize = 1000;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getTable() {
        return table;
    }

    public void setTable(String table) {
        this.table = table;
    }

    public boolean isInitializeSchema() {
        return initializeSchema;
    }

    public void setInitializeSchema(boolean initializeSchema) {
        this.initializeSchema = initializeSchema;
    }

    public @Nullable String getUrl() {
        return url;
    }

    public void setUrl(@Nullable String url) {
        this.url = url;
    }

    public @Nullable String getUsername() {
        return username;
    }

    public void setUsername(@Nullable String username) {
        this.username = username;
    }

    public @Nullable String getPassword() {
        return password;
    }

    public void setPassword(@Nullable String password) {
        this.password = password;
    }

    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    public Duration getFlushInterval() {
        return flushInterval;
    }

    public void setFlushInterval(Duration flushInterval) {
        this.flushInterval = flushInterval;
    }

    public int getQueueCapacity() {
        return queueCapacity;
    }

    public void setQueueCapacity(int queueCapacity) {
        this.queueCapacity = queueCapacity;
    }

    public AsyncAuditSink.Overflow getOverflow() {
        return overflow;
    }

    public void setOverflow(AsyncAuditSink.Overflow overflow) {
        this.overflow = overflow;
    }

    public Duration getBlockTimeout() {
        return blockTimeout;
    }

    public void setBlockTimeout(Duration blockTimeout) {
        this.blockTimeout = blockTimeout;
    }

    public Duration getMaxRetryBackoff() {
        return maxRetryBackoff;
    }

    public void setMaxRetryBackoff(Duration maxRetryBackoff) {
        this.maxRetryBackoff = maxRetryBackoff;
    }

    public Duration getShutdownTimeout() {
        return shutdownTimeout;
    }

    public void setShutdownTimeout(Duration shutdownTimeout) {
        this.shutdownTimeout = shutdownTimeout;
    }

    public @Nullable Duration getRetention() {
        return retention;
    }

    public void setRetention(@Nullable Duration retention) {
        this.retention = retention;
    }

    public Duration getPurgeInterval() {
        return purgeInterval;
    }

    public void setPurgeInterval(Duration purgeInterval) {
        this.purgeInterval = purgeInterval;
    }

    public int getPurgeBatchSize() {
        return purgeBatchSize;
    }

    public void setPurgeBatchSize(int purgeBatchSize) {
        this.purgeBatchSize = purgeBatchSize;
    }
}
