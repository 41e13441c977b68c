package dev.httpaudit.servlet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.httpaudit.core.pipeline.AuditPipeline;
import dev.httpaudit.core.sink.JsonLinesAuditSink;
import dev.httpaudit.servlet.AuditFilter;
import dev.httpaudit.servlet.AuditFilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bodies in another encoding than the audit would assume, over real HTTP: JSON in UTF-16 and
 * UTF-32 (big and little endian, with and without a byte order mark) sent with no charset or
 * a wrong {@code charset=UTF-8}, and non-JSON text in UTF-16. The application (Jackson, or an
 * echo) gets every body unchanged; the event is written to a real JSON-lines file as valid
 * JSON; and the password never appears in that file, in any encoding.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EncodingScenarios {

    private static final String REPLACEMENT = "***";
    private static final List<String> ENCODINGS = List.of("UTF-16BE", "UTF-16LE", "UTF-32BE", "UTF-32LE");
    /** Declared types: JSON without charset, JSON with a wrong charset, a +json type, and text that looks like JSON. */
    private static final List<String> JSON_TYPES = List.of("application/json", "application/json;charset=UTF-8",
            "application/vnd.api+json", "text/plain");

    private final ObjectMapper mapper = JsonMapper.builder().build();
    private Path auditFile;
    private EmbeddedServer server;
    private HttpClient client;

    abstract EmbeddedServer newServer();

    @BeforeAll
    void startServer() throws Exception {
        auditFile = Files.createTempDirectory("encoding-it").resolve("audit.json");
        AuditPipeline pipeline = AuditPipeline.of(JsonLinesAuditSink.toFile(auditFile));
        AuditFilter filter = AuditFilter.builder(pipeline).config(AuditFilterConfig.builder().build()).build();
        server = newServer();
        server.start((classes, context) -> {
            filter.register(context, "audit");
            servlets(context);
        });
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    void stopServer() throws Exception {
        server.close();
    }

    /** {@code /parse} reads the body with Jackson (which detects the encoding) and answers whether the password came through; {@code /echo} sends it back as it came. */
    private void servlets(ServletContext context) {
        ObjectMapper appMapper = JsonMapper.builder().build();
        add(context, "/parse", (req, res) -> {
            JsonNode body = appMapper.readTree(req.getInputStream());
            res.setContentType("application/json");
            res.getWriter().print("{\"passwordLength\":" + body.path("password").asString().length() + "}");
        });
        add(context, "/write-split", (req, res) -> {
            String password = appMapper.readTree(req.getInputStream()).path("password").asString();
            res.setContentType("application/json;charset=" + req.getParameter("charset"));
            PrintWriter writer = res.getWriter();
            // in pieces that cut the name: each piece is one write to the capture
            for (String piece : List.of("{\"pass", "word\":\"", password, "\"}")) {
                writer.print(piece);
                writer.flush();
            }
        });
        add(context, "/echo", (req, res) -> {
            byte[] body = req.getInputStream().readAllBytes();
            res.setContentType(req.getContentType());
            res.getOutputStream().write(body);
        });
    }

    static Stream<Arguments> jsonBodies() {
        List<Arguments> cases = new ArrayList<>();
        for (String encoding : ENCODINGS) {
            for (boolean bom : List.of(false, true)) {
                for (String type : JSON_TYPES) {
                    for (String path : List.of("/parse", "/echo")) {
                        cases.add(Arguments.of(encoding, bom, type, path));
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} bom={1} {2} {3}")
    @MethodSource("jsonBodies")
    void jsonInUtf16OrUtf32IsDecodedAsJacksonDoesAndItsPasswordMasked(String encoding, boolean bom, String type,
                                                                      String path) throws Exception {
        String marker = newMarker();
        String json = "{\"password\":\"" + marker + "\"}";
        byte[] body = encode(json, encoding, bom);
        String id = "enc-" + UUID.randomUUID();

        HttpResponse<byte[]> response = post(path, id, type, body);

        assertThat(response.statusCode()).isEqualTo(200);
        if (path.equals("/parse")) {
            assertThat(new String(response.body(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"passwordLength\":" + marker.length() + "}");
        } else {
            assertThat(response.body()).isEqualTo(body);
        }
        JsonNode line = lineFor(id);
        assertMarkerNowhereInTheAuditFile(marker);
        assertThat(line.path("http").path("request").path("body").path("content").asString())
                .isEqualTo("{\"password\":\"" + REPLACEMENT + "\"}");
        assertThat(line.path("http").path("request").path("body").path("bytes").asLong()).isEqualTo(body.length);
        assertThat(line.path("http").path("request").path("body").has("undecodable")).isFalse();
        if (path.equals("/echo")) {
            assertThat(line.path("http").path("response").path("body").path("content").asString())
                    .isEqualTo("{\"password\":\"" + REPLACEMENT + "\"}");
        }
    }

    /**
     * A response written through the writer in several pieces, in a charset whose encoder
     * starts with a byte order mark (UTF-16): the container sends one mark, and so must the
     * capture, or a mark between two pieces would split the name {@code password}.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"UTF-16", "UTF-16LE", "UTF-16BE", "UTF-32", "x-UTF-16LE-BOM"})
    void responseWrittenInPiecesInUtf16IsCapturedAsSentAndItsPasswordMasked(String charset) throws Exception {
        String marker = newMarker();
        String id = "enc-" + UUID.randomUUID();

        HttpResponse<byte[]> response = post("/write-split?charset=" + charset, id, "application/json",
                ("{\"password\":\"" + marker + "\"}").getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(200);
        byte[] expected = ("{\"password\":\"" + marker + "\"}").getBytes(Charset.forName(charset));
        assertThat(response.body()).isEqualTo(expected);
        JsonNode line = lineFor(id);
        assertMarkerNowhereInTheAuditFile(marker);
        JsonNode recorded = line.path("http").path("response").path("body");
        assertThat(recorded.path("content").asString()).isEqualTo("{\"password\":\"" + REPLACEMENT + "\"}");
        assertThat(recorded.path("bytes").asLong()).isEqualTo(expected.length);
    }

    static Stream<Arguments> textBodies() {
        return Stream.of(
                Arguments.of("UTF-16LE", "text/plain", "password=%s"),
                Arguments.of("UTF-16BE", "text/plain", "password=%s"),
                Arguments.of("UTF-16BE", "application/xml", "<login><password>%s</password></login>"),
                Arguments.of("UTF-32LE", "text/plain;charset=UTF-8", "password: %s"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("textBodies")
    void textThatDoesNotDecodeCleanlyIsRecordedMaskedWholeAndMarkedUndecodable(String encoding, String type,
                                                                               String template) throws Exception {
        String marker = newMarker();
        byte[] body = encode(template.formatted(marker), encoding, false);
        String id = "enc-" + UUID.randomUUID();

        HttpResponse<byte[]> response = post("/echo", id, type, body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(body);
        JsonNode line = lineFor(id);
        assertMarkerNowhereInTheAuditFile(marker);
        for (String side : List.of("request", "response")) {
            JsonNode recorded = line.path("http").path(side).path("body");
            assertThat(recorded.path("content").asString()).as(side).isEqualTo(REPLACEMENT);
            assertThat(recorded.path("undecodable").asBoolean()).as(side).isTrue();
            assertThat(recorded.path("bytes").asLong()).as(side).isEqualTo(body.length);
        }
    }

    // ---- helpers ----------------------------------------------------------------------

    private HttpResponse<byte[]> post(String path, String id, String type, byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(20))
                .header("X-Request-ID", id)
                .header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A marker no other text contains: ASCII letters only (a random UUID's hex digits shifted to letters). */
    private static String newMarker() {
        StringBuilder marker = new StringBuilder("Mk");
        for (char c : UUID.randomUUID().toString().replace("-", "").toCharArray()) {
            marker.append((char) (Character.digit(c, 16) + 'a'));
        }
        return marker.toString();
    }

    private static byte[] encode(String text, String encoding, boolean bom) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Charset charset = Charset.forName(encoding);
        if (bom) {
            out.writeBytes("\uFEFF".getBytes(charset));
        }
        out.writeBytes(text.getBytes(charset));
        return out.toByteArray();
    }

    /** The line of the audit file for {@code id}, parsed strictly (it must be valid JSON). */
    private JsonNode lineFor(String id) throws IOException {
        await().atMost(Duration.ofSeconds(15)).until(() -> findLine(id).isPresent());
        return findLine(id).orElseThrow();
    }

    private Optional<JsonNode> findLine(String id) throws IOException {
        for (String line : Files.readString(auditFile, StandardCharsets.UTF_8).split("\n")) {
            if (line.contains(id)) {
                JsonNode node = mapper.readTree(line);
                if (id.equals(node.path("http").path("request").path("id").asString())) {
                    return Optional.of(node);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The marker is in no line of the audit file: not in its raw bytes in UTF-8, UTF-16 or
     * UTF-32 (either byte order), and not in any of its JSON strings once NUL, other control
     * and replacement characters are taken out (UTF-16 read as UTF-8 shows the marker with
     * a NUL after each letter).
     */
    private void assertMarkerNowhereInTheAuditFile(String marker) throws IOException {
        byte[] raw = Files.readAllBytes(auditFile);
        for (String encoding : List.of("UTF-8", "UTF-16BE", "UTF-16LE", "UTF-32BE", "UTF-32LE")) {
            assertThat(indexOf(raw, marker.getBytes(Charset.forName(encoding)))).as("marker in %s", encoding).isEqualTo(-1);
        }
        for (String line : new String(raw, StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            StringBuilder strings = new StringBuilder();
            collectStrings(mapper.readTree(line), strings);
            String visible = strings.toString().replaceAll("[\\x00-\\x1F\\x7F\\uFFFD]", "");
            assertThat(visible).doesNotContain(marker);
        }
    }

    private static void collectStrings(JsonNode node, StringBuilder out) {
        if (node.isString()) {
            out.append(node.asString()).append('|');
        }
        for (var entry : node.properties()) {
            out.append(entry.getKey()).append('|');
            collectStrings(entry.getValue(), out);
        }
        if (node.isArray()) {
            node.forEach(element -> collectStrings(element, out));
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @FunctionalInterface
    private interface Handler {
        void handle(HttpServletRequest request, HttpServletResponse response) throws Exception;
    }

    private static void add(ServletContext context, String path, Handler handler) {
        context.addServlet(path, new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
                try {
                    handler.handle(req, res);
                } catch (IOException | RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IOException(e);
                }
            }
        }).addMapping(path);
    }
}
