package dev.httpaudit.spring.jdbc;

import dev.httpaudit.jdbc.JdbcAuditSink;
import dev.httpaudit.jdbc.JdbcRetention;
import dev.httpaudit.spring.HttpAuditAutoConfiguration;
import java.time.Duration;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The JDBC sink, when {@code http-audit.jdbc.enabled=true} and {@code http-audit-jdbc} is on
 * the class path: every audit event is also written to a database table, in batches behind the
 * sink's own bounded queue (with {@code http-audit.async.enabled} the pipeline's queue is put
 * beside it, not in front of it). It ADDS to the other sinks: this configuration runs after
 * {@link HttpAuditAutoConfiguration}, whose default SLF4J sink backs off only for an
 * application's own {@code AuditSink} bean, so the SLF4J sink stays and the pipeline (which
 * takes every {@code AuditSink} bean) writes to both.
 *
 * <p>The database is the one of {@code http-audit.jdbc.url} (a small HikariCP pool of the
 * audit trail's own) when set, else the application's {@link DataSource}; it runs after Boot's
 * DataSource auto-configuration, named by class because it moved between Boot 3.5 and 4.
 */
@AutoConfiguration(after = HttpAuditAutoConfiguration.class, afterName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration"})
@ConditionalOnClass(name = "dev.httpaudit.jdbc.JdbcAuditSink")
@ConditionalOnBean(HttpAuditAutoConfiguration.class)
@ConditionalOnProperty(prefix = "http-audit.jdbc", name = "enabled", havingValue = "true")
@EnableConfigurationProperties(HttpAuditJdbcProperties.class)
public class HttpAuditJdbcAutoConfiguration {

    private static final String PREFIX = "http-audit.jdbc.";

    /** The JDBC sink on the audit database; Spring closes it (writing what is queued) after the pipeline. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    JdbcAuditSink httpAuditJdbcSink(HttpAuditJdbcProperties properties, AuditDataSource auditDataSource) {
        JdbcAuditSink.Builder sink = JdbcAuditSink.builder(auditDataSource.dataSource());
        set("table", properties.getTable(), () -> sink.table(properties.getTable()));
        sink.initializeSchema(properties.isInitializeSchema());
        set("batch-size", properties.getBatchSize(), () -> sink.batchSize(properties.getBatchSize()));
        set("flush-interval", properties.getFlushInterval(), () -> sink.flushInterval(properties.getFlushInterval()));
        set("queue-capacity", properties.getQueueCapacity(), () -> sink.queueCapacity(properties.getQueueCapacity()));
        sink.overflow(properties.getOverflow());
        set("block-timeout", properties.getBlockTimeout(), () -> sink.blockTimeout(properties.getBlockTimeout()));
        Duration maxBackoff = properties.getMaxRetryBackoff();
        set("max-retry-backoff", maxBackoff,
                () -> sink.retryBackoff(maxBackoff.compareTo(Duration.ofMillis(100)) < 0 ? maxBackoff : Duration.ofMillis(100),
                        maxBackoff));
        set("shutdown-timeout", properties.getShutdownTimeout(), () -> sink.shutdownTimeout(properties.getShutdownTimeout()));
        return sink.build();
    }

    /** The database the sink writes to: {@code http-audit.jdbc.url}'s, else the application's. */
    @Bean
    @ConditionalOnMissingBean
    AuditDataSource httpAuditJdbcDataSource(HttpAuditJdbcProperties properties,
            ObjectProvider<DedicatedDataSource> dedicated, ObjectProvider<DataSource> application) {
        if (properties.getUrl() != null && !properties.getUrl().isBlank()) {
            DedicatedDataSource own = dedicated.getIfAvailable();
            if (own == null) {
                throw new InvalidConfigurationPropertyValueException(PREFIX + "url", properties.getUrl(),
                        "a database of the audit trail's own needs HikariCP on the class path (com.zaxxer:HikariCP)");
            }
            return new AuditDataSource(own.dataSource());
        }
        DataSource dataSource = application.getIfUnique();
        if (dataSource == null) {
            throw new InvalidConfigurationPropertyValueException(PREFIX + "enabled", "true",
                    "the JDBC audit sink needs a database: set http-audit.jdbc.url, or give the application"
                            + " exactly one DataSource (spring.datasource.*)");
        }
        return new AuditDataSource(dataSource);
    }

    /** The retention purge, on when {@code http-audit.jdbc.retention} is set: purges at start-up, then every purge-interval. */
    @Bean(initMethod = "start", destroyMethod = "close")
    @ConditionalOnProperty(prefix = "http-audit.jdbc", name = "retention")
    @ConditionalOnMissingBean
    JdbcRetention httpAuditJdbcRetention(HttpAuditJdbcProperties properties, AuditDataSource auditDataSource) {
        Duration retention = properties.getRetention();
        if (retention == null || retention.isNegative() || retention.isZero()) {
            throw new InvalidConfigurationPropertyValueException(PREFIX + "retention", retention,
                    "must be a positive duration, such as 90d");
        }
        JdbcRetention.Builder purge = JdbcRetention.builder(auditDataSource.dataSource(), retention);
        set("table", properties.getTable(), () -> purge.table(properties.getTable()));
        set("purge-interval", properties.getPurgeInterval(), () -> purge.interval(properties.getPurgeInterval()));
        set("purge-batch-size", properties.getPurgeBatchSize(), () -> purge.batchSize(properties.getPurgeBatchSize()));
        return purge.build();
    }

    /** The audit trail's own pool, when {@code http-audit.jdbc.url} is set and HikariCP is there. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "com.zaxxer.hikari.HikariDataSource")
    @ConditionalOnProperty(prefix = "http-audit.jdbc", name = "url")
    static class DedicatedPool {

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        DedicatedDataSource httpAuditJdbcDedicatedDataSource(HttpAuditJdbcProperties properties) {
            return new DedicatedDataSource(properties);
        }
    }

    /** Applies one property to a builder, turning a refused value into Boot's report naming the property. */
    private static void set(String property, @Nullable Object value, Runnable apply) {
        try {
            apply.run();
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationPropertyValueException(PREFIX + property, value, e.getMessage());
        }
    }
}
