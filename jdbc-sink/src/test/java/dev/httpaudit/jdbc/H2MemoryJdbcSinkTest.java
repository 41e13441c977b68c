package dev.httpaudit.jdbc;

import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The JDBC sink on an in-memory H2 database (kept open for this class). */
class H2MemoryJdbcSinkTest extends JdbcSinkContract {

    private static JdbcDataSource dataSource;
    private static java.sql.Connection keepOpen;

    @BeforeAll
    static void open() throws Exception {
        dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:audit-" + System.nanoTime());
        keepOpen = dataSource.getConnection();
    }

    @AfterAll
    static void closeDatabase() throws Exception {
        keepOpen.close();
    }

    @Override
    DataSource dataSource() {
        return dataSource;
    }

    @Override
    JdbcDialect dialect() {
        return JdbcDialect.H2;
    }

    @Override
    int bulkRequests() {
        return 2_000;
    }
}
