package dev.httpaudit.servlet.it;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.sink.InMemoryAuditSink;
import dev.httpaudit.servlet.AuditFilter;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * Run in a JVM with a small heap ({@code -Xmx128m}) by {@link MemoryTest}: a 1 GiB upload and a
 * 1 GiB download pass through the audit filter on a real server, generated on the fly and
 * never held in memory; the captured copies must stay capped. Prints {@code MEMORY-OK ...}
 * and exits 0, or prints what went wrong and exits 1.
 */
public final class MemoryMain {

    static final long SIZE = 1024L * 1024 * 1024;
    static final int CAPTURE_LIMIT = 64 * 1024;

    public static void main(String[] args) throws Exception {
        EmbeddedServer server = args[0].equals("tomcat") ? new TomcatServer() : new JettyServer();
        InMemoryAuditSink sink = InMemoryAuditSink.create();
        AuditFilter filter = AuditFilter.of(sink);
        ServletContainerInitializer setup = (classes, context) -> {
            filter.register(context);
            context.addServlet("upload", new HttpServlet() {
                @Override
                protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
                    InputStream in = req.getInputStream();
                    byte[] buffer = new byte[64 * 1024];
                    long total = 0;
                    for (int n; (n = in.read(buffer)) >= 0; ) {
                        total += n;
                    }
                    res.setContentType("text/plain");
                    res.getWriter().print(total);
                }
            }).addMapping("/upload");
            context.addServlet("download", new HttpServlet() {
                @Override
                protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
                    res.setContentType("text/plain");
                    res.setContentLengthLong(SIZE);
                    ServletOutputStream out = res.getOutputStream();
                    byte[] chunk = new byte[64 * 1024];
                    GeneratedStream.fill(chunk, 0, chunk.length, 0);
                    for (long sent = 0; sent < SIZE; sent += chunk.length) {
                        out.write(chunk, 0, (int) Math.min(chunk.length, SIZE - sent));
                    }
                }
            }).addMapping("/download");
        };
        server.start(setup);
        try {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI base = URI.create("http://127.0.0.1:" + server.port());

            HttpResponse<String> upload = client.send(HttpRequest.newBuilder(base.resolve("/upload"))
                    .header("Content-Type", "text/plain")
                    .POST(HttpRequest.BodyPublishers.fromPublisher(
                            HttpRequest.BodyPublishers.ofInputStream(() -> new GeneratedStream(SIZE)), SIZE))
                    .timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofString());
            check(upload.body().equals(String.valueOf(SIZE)), "server received " + upload.body());

            HttpResponse<InputStream> download = client.send(HttpRequest.newBuilder(base.resolve("/download"))
                    .timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofInputStream());
            long received = 0;
            try (InputStream in = download.body()) {
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    received += n;
                }
            }
            check(received == SIZE, "client received " + received);

            List<AuditEvent> events = sink.awaitEvents(2, Duration.ofSeconds(20));
            check(events.size() == 2, "events: " + events.size());
            AuditEvent up = events.stream().filter(e -> e.url().path().equals("/upload")).findFirst().orElseThrow();
            AuditEvent down = events.stream().filter(e -> e.url().path().equals("/download")).findFirst().orElseThrow();
            check(up.request().body().bytes() == SIZE, "upload bytes " + up.request().body().bytes());
            check(up.request().body().truncated(), "upload copy not marked truncated");
            check(up.request().body().content().length() <= CAPTURE_LIMIT, "upload copy " + up.request().body().content().length());
            check(down.response().body().bytes() == SIZE, "download bytes " + down.response().body().bytes());
            check(down.response().body().truncated(), "download copy not marked truncated");
            check(down.response().body().content().length() <= CAPTURE_LIMIT,
                    "download copy " + down.response().body().content().length());
            System.out.println("MEMORY-OK maxHeap=" + Runtime.getRuntime().maxMemory()
                    + " upload=" + up.request().body().bytes() + " download=" + down.response().body().bytes()
                    + " uploadCopy=" + up.request().body().content().length()
                    + " downloadCopy=" + down.response().body().content().length());
        } finally {
            server.close();
        }
        System.exit(0);
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            System.out.println("MEMORY-FAILED " + message);
            System.exit(1);
        }
    }

    /** {@code size} bytes of a repeating alphabet, generated as they are read. */
    static final class GeneratedStream extends InputStream {
        private final long size;
        private long position;

        GeneratedStream(long size) {
            this.size = size;
        }

        static void fill(byte[] b, int off, int len, long start) {
            for (int i = 0; i < len; i++) {
                b[off + i] = (byte) ('a' + (start + i) % 26);
            }
        }

        @Override
        public int read() {
            if (position >= size) {
                return -1;
            }
            return 'a' + (int) (position++ % 26);
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - position);
            fill(b, off, n, position);
            position += n;
            return n;
        }
    }
}
