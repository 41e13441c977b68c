package dev.httpaudit.jdbc;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A real PostgreSQL server from Debian's binaries ({@code /usr/lib/postgresql/<version>/bin}),
 * in its own temporary folder, on a free loopback port. Run as root (as CI does), it runs as the
 * {@code postgres} user (PostgreSQL refuses root), in a folder owned by that user.
 */
final class PostgresServer implements AutoCloseable {

    private static final Path DEBIAN_POSTGRESQL = Path.of("/usr/lib/postgresql");
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    private final Path bin;
    private final Path folder;
    private final Path data;
    private final int port;

    private PostgresServer(Path bin, Path folder, int port) {
        this.bin = bin;
        this.folder = folder;
        this.data = folder.resolve("data");
        this.port = port;
    }

    /**
     * initdb into a new temporary folder, then start. Fails (never skips) when the binaries are
     * missing: the PostgreSQL tests are part of the suite.
     */
    static PostgresServer start() throws IOException, InterruptedException {
        Path bin = findBinaries();
        Path folder = Files.createTempDirectory("http-audit-pg");
        if (ROOT) {
            run(List.of("chown", "postgres:", folder.toString()));
        }
        PostgresServer server = new PostgresServer(bin, folder, freePort());
        server.asOwner(List.of(bin.resolve("initdb").toString(), "-D", server.data.toString(), "-U", "postgres",
                "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"));
        server.startAgain();
        return server;
    }

    /** Starts the server (again), on the same port, waiting until it accepts connections. */
    void startAgain() throws IOException, InterruptedException {
        // fsync off: the tests measure behaviour, not durability (the benchmark turns it back on).
        asOwner(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", folder.resolve("log").toString(),
                "-w", "-t", "60", "-o", "-p " + port + " -k " + folder + " -c listen_addresses=127.0.0.1"
                        + " -c fsync=" + System.getProperty("http-audit.pg.fsync", "off")
                        + " -c max_connections=50",
                "start"));
    }

    /** Stops the server at once (fast shutdown: open sessions are cut, as in a crash of the network). */
    void stop() throws IOException, InterruptedException {
        asOwner(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "-t", "60", "stop"));
    }

    int port() {
        return port;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** A data source (no pool) on the server, as user postgres; connecting fails fast when it is down. */
    PGSimpleDataSource dataSource() {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(jdbcUrl());
        source.setUser("postgres");
        source.setConnectTimeout(5);
        return source;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            stop();
        } catch (IOException e) {
            // already stopped
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        }
    }

    private static Path findBinaries() throws IOException {
        if (Files.isDirectory(DEBIAN_POSTGRESQL)) {
            try (Stream<Path> versions = Files.list(DEBIAN_POSTGRESQL)) {
                Path found = versions.map(version -> version.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                        .max(Comparator.comparingInt(PostgresServer::majorVersion))
                        .orElse(null);
                if (found != null) {
                    return found;
                }
            }
        }
        throw new IllegalStateException("PostgreSQL's server binaries are missing: no "
                + DEBIAN_POSTGRESQL + "/<version>/bin/initdb and pg_ctl. The JDBC sink's PostgreSQL tests need them:"
                + " install Debian's package (apt-get install -y postgresql), as .ci/run does.");
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void asOwner(List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (ROOT) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        run(full);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("timed out: " + String.join(" ", command));
        }
        if (process.exitValue() != 0) {
            throw new IOException("failed (exit " + process.exitValue() + "): " + String.join(" ", command) + "\n"
                    + new String(output, StandardCharsets.UTF_8));
        }
    }
}
