package dev.httpaudit.core.sink;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.AuditRequest;
import dev.httpaudit.core.AuditResponse;
import dev.httpaudit.core.Body;
import dev.httpaudit.core.Outcome;
import dev.httpaudit.core.SampleEvents;
import dev.httpaudit.core.StrictJson;
import dev.httpaudit.core.UrlInfo;
import dev.httpaudit.core.pipeline.AuditPipeline;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.logstash.logback.composite.loggingevent.LoggingEventJsonProviders;
import net.logstash.logback.composite.loggingevent.LogstashMarkersJsonProvider;
import net.logstash.logback.composite.loggingevent.MessageJsonProvider;
import net.logstash.logback.encoder.LoggingEventCompositeJsonEncoder;
import net.logstash.logback.encoder.LogstashEncoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The fields as raw JSON markers ({@link Slf4jAuditSink.FieldFormat#LOGSTASH_RAW}) give the
 * very line that key-value pairs give, through a real Logstash Logback Encoder 9; and
 * {@link Slf4jAuditSink.FieldFormat#AUTO} picks them only where the logger's appenders write
 * both alike. Appenders are attached to logger {@code http.audit} for one test and removed.
 */
class Slf4jAuditSinkFieldFormatTest {

    private static final String SECRET = "s3cr3t-hunter2";

    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final Logger auditLogger = context.getLogger(Slf4jAuditSink.DEFAULT_LOGGER);
    private final Logger httpLogger = context.getLogger("http");
    private final List<Appender<ILoggingEvent>> attached = new ArrayList<>();
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();

    @AfterEach
    void detach() {
        for (Appender<ILoggingEvent> appender : attached) {
            auditLogger.detachAppender(appender);
            httpLogger.detachAppender(appender);
            appender.stop();
        }
        auditLogger.setLevel(null);
        auditLogger.setAdditive(true);
    }

    private OutputStreamAppender<ILoggingEvent> streamAppender(Encoder<ILoggingEvent> encoder) {
        encoder.setContext(context);
        encoder.start();
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setName("field-format-" + attached.size());
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setOutputStream(written);
        appender.setImmediateFlush(true);
        appender.start();
        attached.add(appender);
        return appender;
    }

    /** The appenders as the only ones of logger http.audit (not additive). */
    private void only(Appender<ILoggingEvent>... appenders) {
        for (Appender<ILoggingEvent> appender : appenders) {
            auditLogger.addAppender(appender);
        }
        auditLogger.setAdditive(false);
        auditLogger.setLevel(Level.INFO);
    }

    private static PatternLayoutEncoder pattern(String pattern) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setPattern(pattern);
        return encoder;
    }

    private static Slf4jAuditSink sink(Slf4jAuditSink.FieldFormat format) {
        return Slf4jAuditSink.builder().fieldFormat(format).build();
    }

    private String takeLine() {
        String text = written.toString(StandardCharsets.UTF_8);
        written.reset();
        assertThat(text).endsWith("\n");
        assertThat(text.substring(0, text.length() - 1)).doesNotContain("\n");
        return text.substring(0, text.length() - 1);
    }

    /** The line parsed strictly (a duplicate key fails), without the time it was logged at. */
    private static ObjectNode parsed(String line) {
        ObjectNode node = (ObjectNode) StrictJson.parse(line);
        node.remove("@timestamp");
        return node;
    }

    /** Events as the pipeline hands them to a sink: redacted and fitted into a small limit. */
    private static List<AuditEvent> variedEvents() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("authorization", List.of("Bearer " + SECRET));
        headers.put("x-odd", List.of("tab\there \"quoted\" \\ back\u0001slash", "line\u2028sep\u0085nel"));
        headers.put("x-surrogate", List.of("lone \uD800 high, lone \uDC00 low, pair \uD83D\uDE00"));
        List<AuditEvent> raw = new ArrayList<>(SampleEvents.all());
        raw.add(event("POST", "application/json", headers,
                Body.captured(80, "{\"user\":\"alice\",\"password\":\"" + SECRET + "\",\"n\":[1,2.5,true,null]}", false),
                Body.captured(12, "{\"ok\":true}", false)));
        raw.add(event("PUT", "text/plain; charset=utf-8", Map.of(),
                Body.captured(40, "plain text: caf\u00e9, \u65e5\u672c, emoji \uD83D\uDE00\r\nsecond line", false),
                Body.captured(5, "done.", false)));
        raw.add(event("POST", "text/plain; charset=utf-8", Map.of(),
                Body.undecodable(6, "bad \uFFFD\uFFFD utf-8", false), Body.sizeOnly(0)));
        raw.add(event("POST", "application/json", Map.of(),
                Body.captured(20_000, "{\"blob\":\"" + "x".repeat(19_980) + "\"}", false),
                Body.captured(20_000, "y".repeat(20_000), false)));
        InMemoryAuditSink prepared = InMemoryAuditSink.create();
        AuditPipeline pipeline = AuditPipeline.builder(prepared).maxEventBytes(4096).build();
        raw.forEach(pipeline::emit);
        assertThat(prepared.events()).hasSize(raw.size());
        return prepared.events();
    }

    private static AuditEvent event(String method, String mimeType, Map<String, List<String>> headers, Body request,
            Body response) {
        return new AuditEvent(77, "7f3a9c1e-77", SampleEvents.START, SampleEvents.END, 2_000_000L, Outcome.SUCCESS,
                "1.1", new AuditRequest("req-77", method, mimeType, headers, request),
                new AuditResponse(200, mimeType, Map.of(), response), "/api/things",
                new UrlInfo("/api/things", "password=" + SECRET, "http", "localhost", 8080),
                null, null, null, null, null, null, Map.of("k", "v"));
    }

    @Test
    void rawMarkersWriteTheSameLineAsKeyValuePairsForEveryKindOfEvent() {
        only(streamAppender(new LogstashEncoder()));
        Slf4jAuditSink keyValues = sink(Slf4jAuditSink.FieldFormat.KEY_VALUES);
        Slf4jAuditSink raw = sink(Slf4jAuditSink.FieldFormat.LOGSTASH_RAW);
        List<AuditEvent> events = variedEvents();
        assertThat(events).anySatisfy(event -> assertThat(event.response().body().truncated()).isTrue());

        for (AuditEvent event : events) {
            keyValues.write(event);
            String before = takeLine();
            raw.write(event);
            String after = takeLine();

            assertThat(parsed(after)).as(before).isEqualTo(parsed(before));
            assertThat(parsed(after).has("tags")).as("raw markers are no tags").isFalse();
            assertThat(after).doesNotContain(SECRET);
            assertThat(parsed(after).get("message").asString()).isEqualTo(parsed(before).get("message").asString());
        }
    }

    @Test
    void rawMarkersLeaveEcsVersionOutWhenTurnedOff() {
        only(streamAppender(new LogstashEncoder()));
        AuditEvent event = SampleEvents.full();

        Slf4jAuditSink.builder().fieldFormat(Slf4jAuditSink.FieldFormat.KEY_VALUES).ecsVersion(false).build().write(event);
        ObjectNode before = parsed(takeLine());
        Slf4jAuditSink.builder().fieldFormat(Slf4jAuditSink.FieldFormat.LOGSTASH_RAW).ecsVersion(false).build().write(event);
        ObjectNode after = parsed(takeLine());

        assertThat(after.has("ecs")).isFalse();
        assertThat(after).isEqualTo(before);
        Slf4jAuditSink.builder().fieldFormat(Slf4jAuditSink.FieldFormat.LOGSTASH_RAW).build().write(event);
        assertThat(parsed(takeLine()).at("/ecs/version").asString()).isNotEmpty();
    }

    @Test
    void autoWritesTheSameLineAsKeyValuePairsBehindALogstashEncoder() {
        only(streamAppender(new LogstashEncoder()));
        Slf4jAuditSink auto = Slf4jAuditSink.create();
        AuditEvent event = SampleEvents.full();

        sink(Slf4jAuditSink.FieldFormat.KEY_VALUES).write(event);
        ObjectNode before = parsed(takeLine());
        auto.write(event);

        assertThat(auto.usesRawFields()).isTrue();
        assertThat(parsed(takeLine())).isEqualTo(before);
    }

    @Test
    void autoUsesRawMarkersBesideAPatternLayoutThatShowsNeitherPairsNorMarkers() {
        only(streamAppender(new LogstashEncoder()), streamAppender(pattern("%d %-5level %logger %X{request_id} %msg%n")));

        assertThat(Slf4jAuditSink.create().usesRawFields()).isTrue();
    }

    @Test
    void autoUsesRawMarkersThroughAnAsyncAppender() {
        AsyncAppender async = new AsyncAppender();
        async.setContext(context);
        async.setName("field-format-async");
        async.addAppender(streamAppender(new LogstashEncoder()));
        async.start();
        attached.add(async);
        only(async);

        assertThat(Slf4jAuditSink.create().usesRawFields()).isTrue();
    }

    @Test
    void autoKeepsKeyValuePairsForAPlainPatternLayoutAlone() {
        only(streamAppender(pattern("%msg%n")));

        assertThat(Slf4jAuditSink.create().usesRawFields()).isFalse();
    }

    @Test
    void autoKeepsKeyValuePairsWhenAPatternShowsThemOrTheMarkers() {
        only(streamAppender(new LogstashEncoder()), streamAppender(pattern("%msg %kvp%n")));
        assertThat(Slf4jAuditSink.create().usesRawFields()).isFalse();
        detach();
        attached.clear();

        only(streamAppender(new LogstashEncoder()), streamAppender(pattern("%marker %msg%n")));
        assertThat(Slf4jAuditSink.create().usesRawFields()).isFalse();
    }

    @Test
    void autoKeepsKeyValuePairsWhenTheEncoderFiltersOrRenamesThem() {
        LogstashEncoder excluding = new LogstashEncoder();
        excluding.addExcludeKeyValueKeyName("labels");
        only(streamAppender(excluding));

        assertThat(Slf4jAuditSink.create().usesRawFields()).isFalse();
    }

    @Test
    void autoKeepsKeyValuePairsForACompositeEncoderWithoutTheMarkersProvider() {
        LoggingEventCompositeJsonEncoder composite = new LoggingEventCompositeJsonEncoder();
        LoggingEventJsonProviders providers = new LoggingEventJsonProviders();
        providers.addMessage(new MessageJsonProvider());
        providers.addKeyValuePairs(new net.logstash.logback.composite.loggingevent.KeyValuePairsJsonProvider());
        composite.setProviders(providers);
        only(streamAppender(composite));
        assertThat(Slf4jAuditSink.create().usesRawFields()).isFalse();

        providers.addLogstashMarkers(new LogstashMarkersJsonProvider());
        assertThat(Slf4jAuditSink.create().usesRawFields()).as("with the markers provider").isTrue();
    }

    @Test
    void autoLooksAtTheAncestorsAppendersWhileTheLoggerIsAdditive() {
        auditLogger.addAppender(streamAppender(new LogstashEncoder()));
        httpLogger.addAppender(streamAppender(pattern("%msg %kvp%n")));
        auditLogger.setLevel(Level.INFO);

        auditLogger.setAdditive(true);
        assertThat(Slf4jAuditSink.create().usesRawFields()).isFalse();
        auditLogger.setAdditive(false);
        assertThat(Slf4jAuditSink.create().usesRawFields()).isTrue();
    }

    @Test
    void autoAsksAgainAfterLogbacksConfigurationIsReset() {
        OutputStreamAppender<ILoggingEvent> logstash = streamAppender(new LogstashEncoder());
        only(logstash);
        Slf4jAuditSink auto = Slf4jAuditSink.create();
        assertThat(auto.usesRawFields()).isTrue();

        // What a reconfiguration would do to the appender, without resetting the test JVM's
        // own configuration: the same listeners see a reset.
        auditLogger.addAppender(streamAppender(pattern("%msg %kvp%n")));
        assertThat(auto.usesRawFields()).as("cached until a reset").isTrue();
        context.getCopyOfListenerList().stream()
                .filter(listener -> listener.getClass().getName().startsWith(LogbackEncoderProbe.class.getName()))
                .forEach(listener -> listener.onReset(context));

        assertThat(auto.usesRawFields()).isFalse();
    }

    @Test
    void forcedKeyValuePairsIgnoreTheAppenders() {
        only(streamAppender(new LogstashEncoder()));

        assertThat(sink(Slf4jAuditSink.FieldFormat.KEY_VALUES).usesRawFields()).isFalse();
        assertThat(sink(Slf4jAuditSink.FieldFormat.LOGSTASH_RAW).usesRawFields()).isTrue();
    }

    @Test
    void withoutLogstashLogbackEncoderAutoUsesKeyValuePairsAndRawIsRefusedAtBuild() throws Exception {
        only(streamAppender(new LogstashEncoder()));
        HidingLoader loader = new HidingLoader(getClass().getClassLoader());
        Class<?> sinkClass = Class.forName(Slf4jAuditSink.class.getName(), true, loader);
        assertThat(sinkClass.getClassLoader()).isSameAs(loader);
        Object auto = sinkClass.getMethod("create").invoke(null);

        sinkClass.getMethod("write", AuditEvent.class).invoke(auto, SampleEvents.full());
        assertThat(parsed(takeLine()).at("/http/response/status_code").asInt()).as("written as key-value pairs")
                .isEqualTo(201);
        java.lang.reflect.Method uses = sinkClass.getDeclaredMethod("usesRawFields");
        uses.setAccessible(true);
        assertThat(uses.invoke(auto)).isEqualTo(false);

        Class<?> formats = Class.forName(Slf4jAuditSink.FieldFormat.class.getName(), true, loader);
        Object builder = sinkClass.getMethod("builder").invoke(null);
        builder.getClass().getMethod("fieldFormat", formats)
                .invoke(builder, formats.getField("LOGSTASH_RAW").get(null));
        assertThat(org.assertj.core.api.Assertions.catchThrowable(
                () -> builder.getClass().getMethod("build").invoke(builder)))
                .hasRootCauseInstanceOf(IllegalStateException.class)
                .rootCause().hasMessageContaining("Logstash Logback Encoder");
    }

    /**
     * Loads http-audit's sink classes itself and hides Logstash Logback Encoder from them, as
     * on an application's class path without it; everything else comes from the parent.
     */
    private static final class HidingLoader extends ClassLoader {
        HidingLoader(ClassLoader parent) {
            super(parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                if (name.startsWith("net.logstash.")) {
                    throw new ClassNotFoundException(name);
                }
                if (!name.startsWith("dev.httpaudit.core.sink.")) {
                    return super.loadClass(name, resolve);
                }
                Class<?> loaded = findLoadedClass(name);
                if (loaded != null) {
                    return loaded;
                }
                try (java.io.InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                    if (in == null) {
                        throw new ClassNotFoundException(name);
                    }
                    byte[] bytes = in.readAllBytes();
                    return defineClass(name, bytes, 0, bytes.length);
                } catch (java.io.IOException e) {
                    throw new ClassNotFoundException(name, e);
                }
            }
        }
    }
}
