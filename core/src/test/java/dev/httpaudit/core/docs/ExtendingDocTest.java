package dev.httpaudit.core.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.pipeline.AuditPipeline;
import dev.httpaudit.core.AuditRequest;
import dev.httpaudit.core.AuditResponse;
import dev.httpaudit.core.Body;
import dev.httpaudit.core.ErrorInfo;
import dev.httpaudit.core.ExchangeContext;
import dev.httpaudit.core.StrictJson;
import dev.httpaudit.core.UrlInfo;
import dev.httpaudit.core.json.EcsSchema;
import dev.httpaudit.core.redact.MaskedValues;
import dev.httpaudit.core.redact.RedactionPolicy;
import dev.httpaudit.core.redact.Redactor;
import dev.httpaudit.core.sink.InMemoryAuditSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * docs/extending.md: its sink, enricher and redaction rule are the classes of this package,
 * run here for real (a pipeline posting to a real HTTP collector on localhost), and every
 * Java block of the page is exactly one tagged region of these sources, so the page cannot
 * drift from code that compiles and works.
 */
class ExtendingDocTest {

    private static final String IBAN = "DE89370400440532013000";

    private final List<byte[]> received = new CopyOnWriteArrayList<>();
    private HttpServer collector;

    @AfterEach
    void stopCollector() {
        if (collector != null) {
            collector.stop(0);
        }
    }

    @Test
    void thePipelineOfThePagePostsEnrichedEventsWithIbansMaskedEverywhere() {
        AuditPipeline pipeline = AuditSetup.pipeline(startCollector(204));

        pipeline.emit(transfer());
        pipeline.close(); // drains the queue

        assertThat(pipeline.counters().written()).isEqualTo(1);
        assertThat(pipeline.counters().failed()).isZero();
        assertThat(received).hasSize(1);
        String posted = new String(received.get(0), StandardCharsets.UTF_8);
        assertThat(posted).doesNotContain(IBAN);
        JsonNode event = StrictJson.parse(posted);
        assertThat(event.at("/labels/tenant").asString()).as("added by TenantEnricher").isEqualTo("acme");
        assertThat(event.at("/http/request/body/content").asString())
                .as("IbanRule, in a field no built-in name covers")
                .isEqualTo("{\"amount\":12,\"to\":\"***\",\"note\":\"rent\"}");
        assertThat(event.at("/http/response/body/content").asString()).isEqualTo("{\"status\":\"queued\",\"to\":\"***\"}");
        assertThat(event.at("/error/message").asString())
                .as("free text scrubbed of the value the rule reported")
                .isEqualTo("limit exceeded for ***");
        assertThat(event.at("/http/request/headers/authorization/0").asString())
                .as("the built-in redaction still runs first").isEqualTo("***");
    }

    @Test
    void aCollectorThatRefusesTheEventIsCountedAsAFailureNotThrown() {
        AuditPipeline pipeline = AuditSetup.pipeline(startCollector(503));

        pipeline.emit(transfer());
        pipeline.close();

        assertThat(received).as("the collector was asked").hasSize(1);
        assertThat(pipeline.counters().failed()).isEqualTo(1);
        assertThat(pipeline.counters().written()).isZero();
    }

    @Test
    void anEventWithoutTenantHeaderOrIbanIsLeftAsItWas() {
        AuditEvent plain = base(Map.of(), "{\"amount\":12}", "{\"status\":\"queued\"}", null);

        assertThat(new TenantEnricher().enrich(plain)).isSameAs(plain);
        AuditEvent ruled = new IbanRule().apply(plain, new MaskedValues());
        assertThat(ruled.request().body()).isEqualTo(plain.request().body());
        assertThat(ruled.response().body()).isEqualTo(plain.response().body());
    }

    @Test
    void theContextEnricherReadsTheAttributeAndTheMdcCapturedWithTheExchange() {
        InMemoryAuditSink sink = InMemoryAuditSink.create();
        AuditPipeline pipeline = AuditPipeline.builder(sink).enricher(new RequestContextEnricher()).build();
        AuditEvent plain = base(Map.of(), "{}", "{}", null);

        pipeline.emit(plain, ExchangeContext.of(Map.of("tenant", "acme"), Map.of("region", "eu-west")), null);
        pipeline.emit(plain);

        assertThat(sink.events()).hasSize(2);
        assertThat(sink.events().get(0).labels()).containsEntry("tenant", "acme").containsEntry("region", "eu-west");
        assertThat(sink.events().get(1).labels()).as("no exchange, nothing to read").isEmpty();
    }

    @Test
    void everyJavaBlockOfThePageIsATaggedRegionOfTheseSources() throws IOException {
        String page = Files.readString(EcsSchema.findInProject(Path.of("docs", "extending.md"), "extending.md"),
                StandardCharsets.UTF_8);
        List<String> blocks = new ArrayList<>();
        Matcher block = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(page);
        while (block.find()) {
            blocks.add(block.group(1));
        }
        Map<String, String> regions = new LinkedHashMap<>();
        regions.put("sink", region("HttpCollectorSink.java", "sink"));
        regions.put("enricher", region("TenantEnricher.java", "enricher"));
        regions.put("context-enricher", region("RequestContextEnricher.java", "context-enricher"));
        regions.put("rule", region("IbanRule.java", "rule"));
        regions.put("pipeline", region("AuditSetup.java", "pipeline"));

        assertThat(blocks).as("the Java blocks of docs/extending.md, in order: %s", regions.keySet())
                .containsExactlyElementsOf(regions.values());
    }

    @Test
    void regionsAreCutBetweenTheirTagsAndUnindented() {
        String enricher = region("TenantEnricher.java", "enricher");

        assertThat(enricher).startsWith("import dev.httpaudit.core.AuditEvent;\n")
                .endsWith("        return event.withLabel(\"tenant\", tenant.get(0));\n    }\n}\n")
                .doesNotContain("tag::", "end::", "package ");
    }

    /** The lines between {@code // tag::name[]} and {@code // end::name[]}, common indentation removed. */
    private static String region(String sourceFile, String tag) {
        Path source = EcsSchema.findInProject(
                Path.of("core", "src", "test", "java", "dev", "httpaudit", "core", "docs", sourceFile), "docs.sources");
        List<String> lines;
        try {
            lines = Files.readAllLines(source, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int start = indexOfTrimmed(lines, "// tag::" + tag + "[]");
        int end = indexOfTrimmed(lines, "// end::" + tag + "[]");
        assertThat(start).as("tag %s in %s", tag, sourceFile).isNotNegative();
        assertThat(end).as("end of tag %s in %s", tag, sourceFile).isGreaterThan(start);
        List<String> body = lines.subList(start + 1, end);
        int indent = body.stream().filter(line -> !line.isBlank())
                .mapToInt(line -> line.length() - line.stripLeading().length()).min().orElse(0);
        StringBuilder out = new StringBuilder();
        for (String line : body) {
            out.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
        }
        return out.toString();
    }

    private static int indexOfTrimmed(List<String> lines, String marker) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).trim().equals(marker)) {
                return i;
            }
        }
        return -1;
    }

    private URI startCollector(int status) {
        try {
            collector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        collector.createContext("/events", exchange -> {
            received.add(exchange.getRequestBody().readAllBytes());
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        collector.start();
        return URI.create("http://127.0.0.1:" + collector.getAddress().getPort() + "/events");
    }

    /** A money transfer whose IBAN is in a field no built-in name covers, echoed back and quoted in the error. */
    private static AuditEvent transfer() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("x-tenant-id", List.of("acme"));
        headers.put("authorization", List.of("Bearer abc.def.ghi"));
        return base(headers, "{\"amount\":12,\"to\":\"" + IBAN + "\",\"note\":\"rent\"}",
                "{\"status\":\"queued\",\"to\":\"" + IBAN + "\"}",
                new ErrorInfo("com.example.LimitExceeded", "limit exceeded for " + IBAN));
    }

    private static AuditEvent base(Map<String, List<String>> headers, String requestJson, String responseJson,
            ErrorInfo error) {
        Instant now = Instant.parse("2026-11-26T10:15:30Z");
        return AuditEvent.builder()
                .timing(now, now, 1_000_000)
                .request(new AuditRequest("req-1", "POST", "application/json", headers,
                        Body.captured(requestJson.length(), requestJson, false)))
                .response(new AuditResponse(202, "application/json", Map.of(),
                        Body.captured(responseJson.length(), responseJson, false)))
                .url(new UrlInfo("/api/transfers", null, "http", "localhost", 8080))
                .error(error)
                .build();
    }
}
