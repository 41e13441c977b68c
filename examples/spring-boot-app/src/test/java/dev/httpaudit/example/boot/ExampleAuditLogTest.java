package dev.httpaudit.example.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.httpaudit.core.json.EcsSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The example app as a user runs it: its real {@code logback-spring.xml} (the {@code http.audit}
 * logger through LogstashEncoder to {@code ${AUDIT_LOG}}), real Spring Security, real HTTP.
 * Every endpoint is called once; then every line of the audit file must be one strict JSON
 * object whose every field is ECS or an extension documented in docs/event-schema.md.
 */
@SpringBootTest(classes = OrdersApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExampleAuditLogTest {

    private static final Path AUDIT_LOG = Path.of("target", "audit-log", "audit.json");

    static {
        // before Spring starts: logback-spring.xml reads ${AUDIT_LOG}; a fresh file, so every line is this run's
        try {
            Files.deleteIfExists(AUDIT_LOG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setProperty("AUDIT_LOG", AUDIT_LOG.toString());
    }

    /**
     * Top-level fields that LogstashEncoder itself writes next to the event, not the audit
     * library: its own metadata ({@code @version}, {@code logger_name}, {@code thread_name},
     * {@code level}, {@code level_value}) and the MDC (the starter's correlation ID under
     * {@code request_id}, and Micrometer Tracing's {@code traceId}/{@code spanId} when a
     * tracer is present). They are the log encoder's format, not the event's, so the ECS check
     * skips exactly these. {@code @timestamp} and {@code message} are the encoder's too, but
     * they are ECS fields and are checked like every other field.
     */
    private static final Set<String> LOG_ENCODER_FIELDS = Set.of(
            "@version", "logger_name", "thread_name", "level", "level_value",
            "request_id", "traceId", "spanId");

    /** Strict parsing: a duplicate key or anything after the object fails the line. */
    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** Distinctive values that must never reach the audit log. */
    private static final String PAYMENT_TOKEN = "tok_live_" + UUID.randomUUID().toString().replace("-", "");
    /** An IBAN-shaped value whose digits are random, so no other text of the run can contain it. */
    private static final String IBAN = "DE89" + String.format("%018d",
            Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 1_000_000_000_000_000_000L));
    private static final String UPLOADED_TEXT = "upload-content-" + UUID.randomUUID();

    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Value("${local.server.port}")
    int port;

    /** Exchange name to its request ID (sent as X-Request-ID, so its event can be found). */
    private final Map<String, String> ids = new LinkedHashMap<>();
    private final Map<String, HttpResponse<String>> responses = new LinkedHashMap<>();
    private List<String> rawLines;
    private Map<String, JsonNode> events;

    @BeforeAll
    void driveEveryEndpointAndReadTheAuditFile() throws IOException {
        HttpResponse<String> created = send("create", request("/api/orders")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"item\":\"book\",\"quantity\":2,\"paymentToken\":\"" + PAYMENT_TOKEN
                                + "\",\"iban\":\"" + IBAN + "\"}")));
        String location = created.headers().firstValue("Location").orElseThrow();
        String orderPath = URI.create(location).getPath();

        send("read", request(orderPath).GET());
        send("missing", request("/api/orders/987654321").GET());
        send("form", request("/api/feedback")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("name=Ann&message=" + "great%20service")));
        String boundary = "----audit" + UUID.randomUUID();
        String multipart = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"notes.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\n"
                + UPLOADED_TEXT + "\r\n"
                + "--" + boundary + "--\r\n";
        send("upload", request("/api/uploads")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(multipart)));
        send("ticks", request("/api/ticks").header("Accept", "text/event-stream").GET());
        send("slow", request("/api/slow").GET());
        send("fail", request("/api/fail").GET());
        send("admin", request("/api/admin/report").header("Authorization", basic("alice", "alice-password")).GET());
        send("anonymousAdmin", request("/api/admin/report").GET());
        send("query", request(orderPath + "?page=2&sort=desc")
                .header("Referer", "http://localhost:" + port + "/orders.html").GET());

        await().atMost(Duration.ofSeconds(15)).until(() -> eventsById().keySet().containsAll(ids.values()));
        rawLines = Files.readAllLines(AUDIT_LOG, StandardCharsets.UTF_8);
        events = eventsById();
    }

    @Test
    void everyEndpointAnsweredAsExpected() {
        assertThat(responses).extractingFromEntries(Map.Entry::getKey, entry -> entry.getValue().statusCode())
                .containsExactly(
                        tuple("create", 201),
                        tuple("read", 200),
                        tuple("missing", 404),
                        tuple("form", 200),
                        tuple("upload", 200),
                        tuple("ticks", 200),
                        tuple("slow", 200),
                        tuple("fail", 500),
                        tuple("admin", 200),
                        tuple("anonymousAdmin", 401),
                        tuple("query", 200));
        assertThat(responses.get("ticks").body()).contains("{\"tick\":1}", "{\"tick\":2}", "{\"tick\":3}");
        assertThat(responses.get("slow").body()).contains("\"answer\":\"42\"");
        responses.forEach((name, response) -> assertThat(response.headers().firstValue("X-Request-ID"))
                .as("correlation ID echoed on %s", name).contains(ids.get(name)));
    }

    @Test
    void everyLineIsStrictJsonAndEveryExchangeHasExactlyOneLine() {
        assertThat(rawLines).as("one line per exchange, nothing else").hasSize(ids.size());
        List<String> requestIds = new ArrayList<>();
        for (String line : rawLines) {
            requestIds.add(parse(line).path("http").path("request").path("id").asString());
        }
        assertThat(requestIds).containsExactlyInAnyOrderElementsOf(ids.values());
        assertThat(rawLines.stream().map(line -> parse(line).path("event").path("id").asString()).distinct())
                .as("event.id unique").hasSize(rawLines.size());
    }

    @Test
    void everyLineNamesItsEcsVersionAndCarriesItsOwnCorrelationId() {
        for (String line : rawLines) {
            JsonNode event = parse(line);
            assertThat(event.at("/ecs/version").asString()).isEqualTo(EcsSchema.ECS_VERSION);
            assertThat(event.path("request_id").asString()).as("MDC request_id of %s", event.path("message"))
                    .isEqualTo(event.at("/http/request/id").asString());
        }
    }

    @Test
    void everyFieldIsEcsOrADocumentedExtension() {
        EcsSchema schema = EcsSchema.load();
        Set<String> problems = new TreeSet<>();
        Set<String> checked = new TreeSet<>();
        for (String line : rawLines) {
            JsonNode event = parse(line);
            EcsSchema.leaves(event).forEach((path, value) -> {
                if (LOG_ENCODER_FIELDS.contains(path)) {
                    return;
                }
                checked.add(path.replaceFirst("^(http\\.(request|response)\\.headers)\\..*", "$1.*"));
                schema.problem(path, value).ifPresent(problem ->
                        problems.add(problem + " [" + event.path("message").asString() + "]"));
            });
        }
        // guards against a vacuous pass: the check saw the event's fields, not only the encoder's
        assertThat(checked).contains("@timestamp", "message", "event.sequence", "http.request.method",
                "http.response.status_code", "http.request.headers.*", "http.route", "url.path", "url.query",
                "user.name", "error.type", "client.ip");
        assertThat(problems).as("fields that are neither ECS nor documented extensions").isEmpty();
    }

    @Test
    void jsonCreateAndReadCarryBodiesRouteAndLocation() {
        JsonNode create = event("create");
        assertThat(create.path("message").asString()).startsWith("POST /api/orders 201 ");
        assertThat(create.at("/http/response/status_code").asInt()).isEqualTo(201);
        assertThat(create.at("/http/route").asString()).isEqualTo("/api/orders");
        assertThat(create.at("/http/request/mime_type").asString()).isEqualTo("application/json");
        assertThat(create.at("/http/request/body/content").asString()).contains("\"item\":\"book\"");
        assertThat(create.at("/http/response/headers/location/0").asString())
                .isEqualTo(responses.get("create").headers().firstValue("Location").orElseThrow());
        assertThat(create.at("/event/outcome").asString()).isEqualTo("success");
        assertThat(create.has("user")).isFalse();

        JsonNode read = event("read");
        assertThat(read.at("/http/response/status_code").asInt()).isEqualTo(200);
        assertThat(read.at("/http/route").asString()).isEqualTo("/api/orders/{id}");
        assertThat(read.at("/http/response/body/content").asString()).isEqualTo(responses.get("read").body());

        JsonNode missing = event("missing");
        assertThat(missing.at("/http/response/status_code").asInt()).isEqualTo(404);
        assertThat(missing.at("/url/path").asString()).isEqualTo("/api/orders/987654321");
        assertThat(missing.at("/event/outcome").asString()).as("a 4xx answer is a failure").isEqualTo("failure");
    }

    @Test
    void paymentTokenIsMaskedByTheDefaultsAndIbanByTheConfiguredBodyField() {
        // paymentToken: the built-in list (its name contains "token");
        // iban: only application.properties' http-audit.redact.body-fields=iban covers it
        assertThat(event("create").at("/http/request/body/content").asString())
                .isEqualTo("{\"item\":\"book\",\"quantity\":2,\"paymentToken\":\"***\",\"iban\":\"***\"}");
        assertThat(rawLines).noneMatch(line -> line.contains(PAYMENT_TOKEN));
        assertThat(rawLines).noneMatch(line -> line.contains(IBAN) || line.contains(IBAN.substring(4)));
    }

    @Test
    void formPostIsReconstructedAndUploadRecordsOnlyItsSize() {
        JsonNode form = event("form");
        assertThat(form.at("/http/response/status_code").asInt()).isEqualTo(200);
        assertThat(form.at("/http/request/mime_type").asString()).isEqualTo("application/x-www-form-urlencoded");
        assertThat(form.at("/http/request/body/content").asString()).contains("name=Ann");
        assertThat(form.at("/http/request/body/reconstructed").asBoolean()).isTrue();

        JsonNode upload = event("upload");
        assertThat(upload.at("/http/response/status_code").asInt()).isEqualTo(200);
        assertThat(upload.at("/http/request/mime_type").asString()).isEqualTo("multipart/form-data");
        assertThat(upload.at("/http/request/body/bytes").asLong()).isPositive();
        assertThat(upload.at("/http/request/body").has("content")).as("multipart parts are not captured").isFalse();
        assertThat(rawLines).noneMatch(line -> line.contains(UPLOADED_TEXT));
    }

    @Test
    void streamAndAsyncExchangesAreAuditedAtTheirRealEnd() {
        JsonNode ticks = event("ticks");
        assertThat(ticks.at("/http/response/status_code").asInt()).isEqualTo(200);
        assertThat(ticks.at("/http/response/mime_type").asString()).isEqualTo("text/event-stream");
        assertThat(ticks.at("/http/response/body/content").asString()).contains("{\"tick\":3}");
        assertThat(ticks.at("/event/duration").asLong()).as("three ticks a second apart")
                .isGreaterThan(Duration.ofSeconds(2).toNanos());

        JsonNode slow = event("slow");
        assertThat(slow.at("/http/response/status_code").asInt()).isEqualTo(200);
        assertThat(slow.at("/http/route").asString()).isEqualTo("/api/slow");
        assertThat(slow.at("/http/response/body/content").asString()).isEqualTo(responses.get("slow").body());
    }

    @Test
    void failureCarriesStatusOutcomeAndError() {
        JsonNode fail = event("fail");
        assertThat(fail.at("/http/response/status_code").asInt()).isEqualTo(500);
        assertThat(fail.at("/http/route").asString()).isEqualTo("/api/fail");
        assertThat(fail.at("/event/outcome").asString()).isEqualTo("failure");
        assertThat(fail.at("/error/type").asString()).isEqualTo("java.lang.IllegalStateException");
        assertThat(fail.at("/error/message").asString()).isEqualTo("the inventory service is down");
    }

    @Test
    void basicAuthNamesTheUserAndItsAbsenceIsA401WithoutUser() {
        JsonNode admin = event("admin");
        assertThat(admin.at("/http/response/status_code").asInt()).isEqualTo(200);
        assertThat(admin.at("/user/name").asString()).isEqualTo("alice");
        assertThat(admin.at("/user/roles")).extracting(JsonNode::asString).contains("ROLE_ADMIN");
        assertThat(admin.at("/http/request/headers/authorization/0").asString()).isEqualTo("***");
        String credentials = Base64.getEncoder().encodeToString("alice:alice-password".getBytes(StandardCharsets.UTF_8));
        assertThat(rawLines).noneMatch(line -> line.contains(credentials) || line.contains("alice-password"));

        JsonNode anonymous = event("anonymousAdmin");
        assertThat(anonymous.at("/http/response/status_code").asInt()).isEqualTo(401);
        assertThat(anonymous.at("/event/outcome").asString()).isEqualTo("failure");
        assertThat(anonymous.has("user")).isFalse();
        assertThat(anonymous.at("/url/path").asString()).isEqualTo("/api/admin/report");
    }

    @Test
    void queryStringAndRefererAreRecorded() {
        JsonNode query = event("query");
        assertThat(query.at("/http/response/status_code").asInt()).isEqualTo(200);
        assertThat(query.at("/url/path").asString()).isEqualTo(URI.create(
                responses.get("create").headers().firstValue("Location").orElseThrow()).getPath());
        assertThat(query.at("/url/query").asString()).isEqualTo("page=2&sort=desc");
        assertThat(query.at("/http/request/headers/referer/0").asString())
                .isEqualTo("http://localhost:" + port + "/orders.html");
        assertThat(query.at("/url/port").asInt()).isEqualTo(port);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(20));
    }

    private HttpResponse<String> send(String name, HttpRequest.Builder request) {
        String id = "example-" + name + "-" + UUID.randomUUID();
        ids.put(name, id);
        try {
            HttpResponse<String> response = client.send(request.header("X-Request-ID", id).build(),
                    HttpResponse.BodyHandlers.ofString());
            responses.put(name, response);
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private JsonNode event(String name) {
        return events.get(ids.get(name));
    }

    private Map<String, JsonNode> eventsById() throws IOException {
        if (!Files.exists(AUDIT_LOG)) {
            return Map.of();
        }
        return Files.readAllLines(AUDIT_LOG, StandardCharsets.UTF_8).stream()
                .map(ExampleAuditLogTest::parse)
                .collect(Collectors.toMap(node -> node.path("http").path("request").path("id").asString(""),
                        Function.identity(), (first, second) -> first));
    }

    private static JsonNode parse(String line) {
        return STRICT.readTree(line);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
