package dev.httpaudit.jdbc;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The JDBC sink on an H2 database file, served by H2's TCP server on a free port (so the
 * failure tests can stop the database and start it again, as a server goes away).
 */
class H2FileJdbcSinkTest extends JdbcSinkFailureContract {

    private static Path folder;
    private static int port;
    private static Server server;
    private static JdbcDataSource dataSource;

    @BeforeAll
    static void startServer() throws Exception {
        folder = Files.createTempDirectory("http-audit-h2");
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        startTcp();
        dataSource = new JdbcDataSource();
        // DB_CLOSE_DELAY: the file stays open between the sink's connections (one per batch), as a pool would keep it
        dataSource.setURL("jdbc:h2:tcp://127.0.0.1:" + port + "/audit;DB_CLOSE_DELAY=-1");
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.stop();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        }
    }

    private static void startTcp() throws Exception {
        server = Server.createTcpServer("-tcpPort", String.valueOf(port), "-baseDir", folder.toString(), "-ifNotExists")
                .start();
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

    @Override
    void stopDatabase() {
        server.stop();
        server = null;
    }

    @Override
    void startDatabase() throws Exception {
        startTcp();
    }

    @Override
    boolean databaseRunning() {
        return server != null;
    }
}
