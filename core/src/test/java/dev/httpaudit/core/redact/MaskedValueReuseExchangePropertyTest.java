package dev.httpaudit.core.redact;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.pipeline.AuditPipeline;
import dev.httpaudit.core.AuditRequest;
import dev.httpaudit.core.AuditResponse;
import dev.httpaudit.core.Body;
import dev.httpaudit.core.ErrorInfo;
import dev.httpaudit.core.StrictJson;
import dev.httpaudit.core.TraceInfo;
import dev.httpaudit.core.UrlInfo;
import dev.httpaudit.core.UserInfo;
import dev.httpaudit.core.sink.CompositeAuditSink;
import dev.httpaudit.core.sink.JsonLinesAuditSink;
import dev.httpaudit.core.sink.Slf4jAuditSink;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.logstash.logback.encoder.LogstashEncoder;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Whole exchanges in which a generated secret is masked in one place (a credential header,
 * a cookie, a JSON or form password, a query token) and shows up again in other fields, in
 * any spelling: as it is, percent-encoded wholly or in part, JSON-{@code \}{@code u}-escaped
 * wholly or in part, or form-encoded with {@code +} for spaces. Through a real pipeline into
 * the JSON lines sink and the SLF4J sink (Logback with LogstashEncoder), the secret is
 * nowhere in what was written: not in the raw lines, and not in any string of them after
 * percent-decoding, form-decoding or JSON-unescaping.
 */
class MaskedValueReuseExchangePropertyTest {

    /** Where the secret is masked by the built-in rules. */
    enum Source { BEARER, BASIC_PASSWORD, COOKIE, API_KEY_HEADER, JSON_PASSWORD, FORM_PASSWORD, QUERY_TOKEN }

    /** Where it shows up again. */
    enum Target {
        QUERY, PATH, HEADER, USER_AGENT, LOCATION, REQUEST_BODY, RESPONSE_JSON, RESPONSE_TEXT, ERROR_MESSAGE,
        ERROR_TYPE, LABEL, ROUTE, DOMAIN, USER_NAME, REQUEST_ID, TRACE_ID
    }

    /** How it is spelled there. */
    enum Encoding { RAW, PERCENT_FULL, PERCENT_PARTIAL, JSON_U_FULL, JSON_U_PARTIAL, FORM_PLUS }

    record Reuse(Target target, Encoding encoding, long seed) {
    }

    record Case(String secret, Source source, List<Reuse> reuses) {
    }

    @Provide
    Arbitrary<Case> cases() {
        // no quote, backslash, ';' ',' '&' or '=' (they would end the value where it is masked);
        // spaces, '+', '%' and non-ASCII letters are in, since they are what encodings change
        Arbitrary<String> secrets = Arbitraries.strings()
                .withChars("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789@!~*.-+% é€")
                .ofMinLength(6).ofMaxLength(14)
                .map(middle -> "Zq" + middle + "x");
        Arbitrary<Reuse> reuses = Combinators.combine(Arbitraries.of(Target.class), Arbitraries.of(Encoding.class),
                Arbitraries.longs()).as(Reuse::new);
        return Combinators.combine(secrets, Arbitraries.of(Source.class), reuses.list().ofMinSize(1).ofMaxSize(4))
                .as(Case::new);
    }

    private static final ByteArrayOutputStream LOG_LINES = new ByteArrayOutputStream();
    private static OutputStreamAppender<ILoggingEvent> appender;

    /** One Logback appender with LogstashEncoder on logger {@code http.audit} for the whole property, removed after. */
    @BeforeContainer
    static void attachAppender() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        LogstashEncoder encoder = new LogstashEncoder();
        encoder.setContext(context);
        encoder.start();
        appender = new OutputStreamAppender<>();
        appender.setName("reuse-property");
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setOutputStream(LOG_LINES);
        appender.setImmediateFlush(true);
        appender.start();
        Logger auditLogger = context.getLogger(Slf4jAuditSink.DEFAULT_LOGGER);
        auditLogger.addAppender(appender);
        auditLogger.setAdditive(false);
        auditLogger.setLevel(Level.INFO);
    }

    @AfterContainer
    static void detachAppender() {
        Logger auditLogger = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Slf4jAuditSink.DEFAULT_LOGGER);
        auditLogger.detachAppender(appender);
        appender.stop();
        auditLogger.setLevel(null);
        auditLogger.setAdditive(true);
    }

    @Property(tries = 400)
    void aSecretMaskedOnceIsNowhereInTheWrittenEventHoweverItIsSpelled(@ForAll("cases") Case c) {
        AuditEvent event = exchange(c);
        ByteArrayOutputStream jsonLines = new ByteArrayOutputStream();
        ByteArrayOutputStream logLines = LOG_LINES;
        synchronized (LOG_LINES) {
            LOG_LINES.reset();
        }
        AuditPipeline pipeline = AuditPipeline.of(
                CompositeAuditSink.of(JsonLinesAuditSink.toStream(jsonLines), Slf4jAuditSink.create()));
        pipeline.emit(event);

        assertThat(pipeline.counters().written()).as("the event was written").isEqualTo(1);
        for (String output : List.of(jsonLines.toString(StandardCharsets.UTF_8), logLines.toString(StandardCharsets.UTF_8))) {
            assertThat(output).as("one line").endsWith("\n");
            List<String> strings = new ArrayList<>();
            strings.add(output);
            collectStrings(StrictJson.parse(output.trim()), strings);
            for (String text : strings) {
                for (String view : List.of(text, percentDecoded(text, false), percentDecoded(text, true),
                        jsonUnescaped(text))) {
                    assertThat(view).as("written: %s", output).doesNotContain(c.secret());
                }
            }
        }
    }

    // ---- the exchange ----

    private static AuditEvent exchange(Case c) {
        String secret = c.secret();
        Map<String, List<String>> requestHeaders = new LinkedHashMap<>();
        requestHeaders.put("host", List.of("shop.example"));
        String requestMime = null;
        String requestBody = null;
        String query = "page=1";
        switch (c.source()) {
            case BEARER -> requestHeaders.put("authorization", List.of("Bearer " + secret));
            case BASIC_PASSWORD -> requestHeaders.put("authorization", List.of("Basic " + Base64.getEncoder()
                    .encodeToString(("alice:" + secret).getBytes(StandardCharsets.UTF_8))));
            case COOKIE -> requestHeaders.put("cookie", List.of("theme=dark; sid=" + secret));
            case API_KEY_HEADER -> requestHeaders.put("x-api-key", List.of(secret));
            case JSON_PASSWORD -> {
                requestMime = Events.JSON;
                requestBody = "{\"user\":\"alice\",\"password\":\"" + secret + "\"}";
            }
            case FORM_PASSWORD -> {
                requestMime = Events.FORM;
                requestBody = "user=alice&password=" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
            }
            case QUERY_TOKEN -> query = "page=1&access_token=" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        }
        String path = "/api/orders";
        String userAgent = "curl/8.0";
        String responseJson = null;
        String responseText = null;
        String errorMessage = null;
        String errorType = null;
        String route = null;
        String domain = "shop.example";
        String userName = null;
        String requestId = "req-1";
        String traceId = null;
        Map<String, String> labels = new LinkedHashMap<>();
        Map<String, List<String>> responseHeaders = new LinkedHashMap<>();
        for (Reuse reuse : c.reuses()) {
            String spelled = spell(secret, reuse.encoding(), reuse.seed());
            switch (reuse.target()) {
                case QUERY -> query = query + "&q=" + spelled;
                case PATH -> path = path + "/" + spelled;
                case HEADER -> requestHeaders.merge("x-note", List.of("saw " + spelled), MaskedValueReuseExchangePropertyTest::both);
                case USER_AGENT -> {
                    userAgent = userAgent + " " + spelled;
                    requestHeaders.put("user-agent", List.of(userAgent));
                }
                case LOCATION -> responseHeaders.merge("location", List.of("/next?ref=" + spelled), MaskedValueReuseExchangePropertyTest::both);
                case REQUEST_BODY -> {
                    if (requestBody == null) {
                        // a form or a JSON body of its own, whichever the seed picks
                        boolean form = (reuse.seed() & 1) == 0;
                        requestMime = form ? Events.FORM : Events.JSON;
                        requestBody = form ? "note=" + spelled : "{\"note\":\"" + spelled + "\"}";
                    } else {
                        responseText = (responseText == null ? "" : responseText) + " body " + spelled;
                    }
                }
                case RESPONSE_JSON -> responseJson = "{\"echo\":\"" + spelled + "\",\"n\":" + (reuse.seed() & 7) + "}";
                case RESPONSE_TEXT -> responseText = (responseText == null ? "" : responseText) + "<p>" + spelled + "</p>";
                case ERROR_MESSAGE -> errorMessage = "rejected " + spelled;
                case ERROR_TYPE -> errorType = "com.example." + spelled;
                case LABEL -> labels.put("note" + labels.size(), "v " + spelled);
                case ROUTE -> route = "/api/" + spelled;
                case DOMAIN -> domain = spelled + ".example";
                case USER_NAME -> userName = spelled;
                case REQUEST_ID -> requestId = spelled;
                case TRACE_ID -> traceId = spelled;
            }
        }
        requestHeaders.putIfAbsent("user-agent", List.of(userAgent));
        String responseMime = responseJson != null ? Events.JSON : responseText != null ? "text/html" : null;
        String responseContent = responseJson != null ? responseJson : responseText;
        if (responseJson != null && responseText != null) {
            errorMessage = (errorMessage == null ? "" : errorMessage) + responseText;
        }
        AuditEvent.Builder builder = Events.base()
                .request(new AuditRequest(requestId, "POST", requestMime, requestHeaders,
                        requestBody == null ? null : Body.captured(requestBody.length(), requestBody, false)))
                .response(new AuditResponse(400, responseMime, responseHeaders,
                        responseContent == null ? null : Body.captured(responseContent.length(), responseContent, false)))
                .url(new UrlInfo(path, query, "https", domain, 443))
                .userAgent(userAgent)
                .route(route)
                .labels(labels);
        if (errorMessage != null || errorType != null) {
            builder.error(new ErrorInfo(errorType != null ? errorType : "java.lang.IllegalStateException", errorMessage));
        }
        if (userName != null) {
            builder.user(UserInfo.named(userName));
        }
        if (traceId != null) {
            builder.trace(new TraceInfo(traceId, "00f067aa0ba902b7"));
        }
        return builder.build();
    }

    private static List<String> both(List<String> a, List<String> b) {
        List<String> joined = new ArrayList<>(a);
        joined.addAll(b);
        return joined;
    }

    /** The secret as the encoding spells it; partial encodings pick chars by the seed's bits. */
    static String spell(String secret, Encoding encoding, long seed) {
        return switch (encoding) {
            case RAW -> secret;
            case FORM_PLUS -> URLEncoder.encode(secret, StandardCharsets.UTF_8);
            case PERCENT_FULL, PERCENT_PARTIAL, JSON_U_FULL, JSON_U_PARTIAL -> {
                boolean full = encoding == Encoding.PERCENT_FULL || encoding == Encoding.JSON_U_FULL;
                boolean percent = encoding == Encoding.PERCENT_FULL || encoding == Encoding.PERCENT_PARTIAL;
                StringBuilder out = new StringBuilder();
                for (int i = 0; i < secret.length(); i++) {
                    char ch = secret.charAt(i);
                    // '%' and ' ' are always encoded where percent-encoding is used, or the text would not decode back
                    boolean encode = full || ((seed >>> (i % 64)) & 1) == 1 || (percent && (ch == '%' || ch == ' '));
                    if (!encode) {
                        out.append(ch);
                    } else if (percent) {
                        for (byte b : String.valueOf(ch).getBytes(StandardCharsets.UTF_8)) {
                            out.append('%').append(String.format("%02X", b & 0xFF));
                        }
                    } else {
                        out.append(String.format("\\u%04x", (int) ch));
                    }
                }
                yield out.toString();
            }
        };
    }

    // ---- reading what was written, independently of the code under test ----

    private static void collectStrings(JsonNode node, List<String> into) {
        if (node.isString()) {
            into.add(node.asString());
        } else if (node.isContainer()) {
            for (var entry : node.properties()) {
                into.add(entry.getKey());
                collectStrings(entry.getValue(), into);
            }
            if (node.isArray()) {
                node.values().forEach(element -> collectStrings(element, into));
            }
        }
    }

    /** Lenient percent-decoding as UTF-8 (malformed escapes kept); with {@code plus}, '+' is a space. */
    static String percentDecoded(String text, boolean plus) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '%' && i + 2 < text.length() && isHex(text.charAt(i + 1)) && isHex(text.charAt(i + 2))) {
                bytes.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                byte[] encoded = String.valueOf(plus && ch == '+' ? ' ' : ch).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(char ch) {
        return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F');
    }

    /** {@code \}{@code uXXXX} and the one-letter JSON escapes decoded; anything else kept. */
    static String jsonUnescaped(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '\\' && i + 5 < text.length() && text.charAt(i + 1) == 'u'
                    && text.substring(i + 2, i + 6).chars().allMatch(d -> isHex((char) d))) {
                out.append((char) Integer.parseInt(text.substring(i + 2, i + 6), 16));
                i += 5;
            } else if (ch == '\\' && i + 1 < text.length() && "\"\\/".indexOf(text.charAt(i + 1)) >= 0) {
                out.append(text.charAt(++i));
            } else {
                out.append(ch);
            }
        }
        return out.toString();
    }
}
