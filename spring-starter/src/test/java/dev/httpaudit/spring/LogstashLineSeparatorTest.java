package dev.httpaudit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.AuditRequest;
import dev.httpaudit.core.AuditResponse;
import dev.httpaudit.core.Body;
import dev.httpaudit.core.Outcome;
import dev.httpaudit.core.UrlInfo;
import dev.httpaudit.core.sink.JsonLinesAuditSink;
import dev.httpaudit.core.sink.Slf4jAuditSink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * U+2028, U+2029 and U+0085 in a value, through a real Logback {@code LogstashEncoder} (9.x
 * here, 8.x when spring-boot3-compat reruns this test): written raw by default (valid JSON,
 * but a line to tools that split on them), escaped with the character escapes decorator
 * README.md shows, and always escaped by the JSON-lines sink. This JVM is this class's own
 * (see the surefire configuration), so resetting Logback here touches no other test.
 */
class LogstashLineSeparatorTest {

    private static final String SEPARATORS = "a\u2028b\u2029c\u0085d";

    @TempDir
    Path folder;

    @Test
    void defaultLogstashEncoderWritesLineSeparatorsRaw() throws Exception {
        String line = logThroughLogback("logback-line-separators-default.xml");

        assertThat(line).contains("\u2028", "\u2029", "\u0085");
        assertThat(bodyContent(line)).isEqualTo(SEPARATORS);
    }

    @Test
    void characterEscapesDecoratorWritesThemEscaped() throws Exception {
        String line = logThroughLogback(escapingConfiguration());

        assertThat(line).doesNotContain("\u2028", "\u2029", "\u0085")
                .contains("a\\u2028b\\u2029c\\u0085d");
        assertThat(bodyContent(line)).isEqualTo(SEPARATORS);
    }

    @Test
    void jsonLinesSinkWritesThemEscaped() throws Exception {
        Path file = folder.resolve("sink.json");
        try (JsonLinesAuditSink sink = JsonLinesAuditSink.toFile(file)) {
            sink.write(event());
        }
        String line = onlyLine(file);

        assertThat(line).doesNotContain("\u2028", "\u2029", "\u0085").contains("a\\u2028b\\u2029c\\u0085d");
        assertThat(bodyContent(line)).isEqualTo(SEPARATORS);
    }

    @Test
    void readmeShowsTheTestedEncoderSettingForBothVersions() throws IOException {
        String readme = collapse(Files.readString(Path.of("..", "README.md")));
        for (String configuration : List.of("logback-line-separators-logstash9.xml", "logback-line-separators-logstash8.xml")) {
            String xml = resource(configuration);
            String encoder = xml.substring(xml.indexOf("<encoder"), xml.indexOf("</encoder>") + "</encoder>".length());
            assertThat(readme).as("README shows the encoder of %s", configuration).contains(collapse(encoder));
        }
    }

    /** The decorator and its elements differ between LogstashEncoder 9 (Jackson 3) and 8 (Jackson 2). */
    private static String escapingConfiguration() {
        boolean version9 = isPresent("net.logstash.logback.decorate.json.CharacterEscapesDecorator");
        boolean version8 = isPresent("net.logstash.logback.decorate.CharacterEscapesJsonFactoryDecorator");
        assertThat(version9).as("exactly one LogstashEncoder generation on the class path").isNotEqualTo(version8);
        return version9 ? "logback-line-separators-logstash9.xml" : "logback-line-separators-logstash8.xml";
    }

    private String logThroughLogback(String configuration) throws Exception {
        Path file = folder.resolve("audit.json");
        configure(configuration, file);
        Slf4jAuditSink.create().write(event());
        return onlyLine(file);
    }

    private static void configure(String configuration, Path file) throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        context.putProperty("line.separators.file", file.toString());
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(LogstashLineSeparatorTest.class.getClassLoader().getResource(configuration));
    }

    /** The one line of {@code file}, split on line feeds only (as a JSON-lines reader does). */
    private static String onlyLine(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text).endsWith("\n");
        String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
        assertThat(lines).hasSize(1);
        return lines[0];
    }

    private static String bodyContent(String line) {
        JsonNode node = AuditLog.STRICT.readTree(line);
        return node.path("http").path("request").path("body").path("content").asString();
    }

    private static AuditEvent event() {
        Instant start = Instant.parse("2026-12-01T10:00:00Z");
        return AuditEvent.builder()
                .timing(start, start.plusMillis(2), 2_000_000L)
                .outcome(Outcome.SUCCESS)
                .request(new AuditRequest("line-separators", "POST", "text/plain", Map.of(),
                        Body.captured(SEPARATORS.length(), SEPARATORS, false)))
                .response(new AuditResponse(204, null, Map.of(), null))
                .url(new UrlInfo("/notes", null, "http", "localhost", 8080))
                .build();
    }

    private static String resource(String name) throws IOException {
        try (var in = LogstashLineSeparatorTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String collapse(String text) {
        return text.replaceAll("\\s+", " ").replace("> <", "><").trim();
    }

    private static boolean isPresent(String className) {
        try {
            Class.forName(className, false, LogstashLineSeparatorTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
