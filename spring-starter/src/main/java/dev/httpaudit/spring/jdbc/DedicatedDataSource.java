package dev.httpaudit.spring.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;

/**
 * The audit trail's own connection pool, from {@code http-audit.jdbc.url}: a bean that is not a
 * {@link DataSource}, so that it never becomes (or competes with) the application's. Closed by
 * Spring after the sink that uses it.
 */
final class DedicatedDataSource implements AutoCloseable {

    private final HikariDataSource pool;

    DedicatedDataSource(HttpAuditJdbcProperties properties) {
        pool = new HikariDataSource();
        pool.setPoolName("http-audit-jdbc");
        pool.setJdbcUrl(properties.getUrl());
        pool.setUsername(properties.getUsername());
        pool.setPassword(properties.getPassword());
        // One writer thread and the retention purge: two connections are all the sink uses.
        pool.setMaximumPoolSize(2);
        pool.setMinimumIdle(0);
        // A database down at start must not stop the application: the sink retries.
        pool.setInitializationFailTimeout(-1);
        pool.setConnectionTimeout(5000);
    }

    DataSource dataSource() {
        return pool;
    }

    @Override
    public void close() {
        pool.close();
    }
}
