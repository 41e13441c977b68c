package dev.httpaudit.spring.jdbc;

import javax.sql.DataSource;

/**
 * The database the JDBC sink and the retention purge use, as a bean that is not itself a
 * {@link DataSource} (so it never competes with the application's).
 */
final class AuditDataSource {

    private final DataSource dataSource;

    AuditDataSource(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    DataSource dataSource() {
        return dataSource;
    }
}
