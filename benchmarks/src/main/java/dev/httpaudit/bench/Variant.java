package dev.httpaudit.bench;

import dev.httpaudit.core.pipeline.AuditPipeline;
import dev.httpaudit.core.AuditSink;
import dev.httpaudit.core.sink.Slf4jAuditSink;
import dev.httpaudit.servlet.AuditFilter;
import jakarta.servlet.Filter;
import java.util.Locale;
import java.util.Set;
import org.springframework.web.filter.CommonsRequestLoggingFilter;
import org.zalando.logbook.Logbook;
import org.zalando.logbook.core.BodyFilters;
import org.zalando.logbook.core.DefaultHttpLogWriter;
import org.zalando.logbook.core.DefaultSink;
import org.zalando.logbook.core.HeaderFilters;
import org.zalando.logbook.json.JsonBodyFilters;
import org.zalando.logbook.json.JsonHttpLogFormatter;
import org.zalando.logbook.servlet.LogbookFilter;

/**
 * The filter chains compared. Each logs through SLF4J into the same Logback + LogstashEncoder
 * ({@link LogSetup}), keeps at most 64 KiB of a body, and masks what it can of the
 * Authorization header and the {@code password} body field.
 */
public enum Variant {
    /** (a) no filter: the handler alone. */
    NONE {
        @Override
        public Filter[] filters() {
            return new Filter[0];
        }
    },
    /** (b) http-audit: AuditFilter, AuditPipeline with default redaction, Slf4jAuditSink (logger http.audit, INFO). */
    HTTP_AUDIT {
        @Override
        public Filter[] filters() {
            return new Filter[] {AuditFilter.builder(AuditPipeline.of(Slf4jAuditSink.create())).build()};
        }
    },
    /**
     * (b') http-audit with a sink that drops every event: capture, event assembly, redaction and
     * size limit, without logging (what logging costs is the difference to HTTP_AUDIT).
     */
    HTTP_AUDIT_NO_LOG {
        @Override
        public Filter[] filters() {
            AuditSink discard = event -> { };
            return new Filter[] {AuditFilter.builder(AuditPipeline.of(discard)).build()};
        }
    },
    /**
     * (c) Zalando Logbook: LogbookFilter, JsonHttpLogFormatter, DefaultHttpLogWriter (SLF4J,
     * TRACE); Authorization masked by a header filter, password by a JSON body filter, bodies
     * cut at 64 KiB.
     */
    LOGBOOK {
        @Override
        public Filter[] filters() {
            Logbook logbook = Logbook.builder()
                    .headerFilter(HeaderFilters.authorization())
                    .bodyFilter(JsonBodyFilters.replaceJsonStringProperty(Set.of("password"), "***"))
                    .bodyFilter(BodyFilters.truncate(MAX_BODY))
                    .sink(new DefaultSink(new JsonHttpLogFormatter(), new DefaultHttpLogWriter()))
                    .build();
            return new Filter[] {new LogbookFilter(logbook)};
        }
    },
    /**
     * (d) Spring: CommonsRequestLoggingFilter (query, client info, headers with Authorization
     * masked by the header predicate, request payload up to 64 KiB; DEBUG) inside a filter
     * that wraps the response in a ContentCachingResponseWrapper and logs its body.
     * The request body's password cannot be masked.
     */
    SPRING {
        @Override
        public Filter[] filters() {
            CommonsRequestLoggingFilter requestLogging = new CommonsRequestLoggingFilter();
            requestLogging.setIncludeQueryString(true);
            requestLogging.setIncludeClientInfo(true);
            requestLogging.setIncludeHeaders(true);
            requestLogging.setIncludePayload(true);
            requestLogging.setMaxPayloadLength(MAX_BODY);
            requestLogging.setHeaderPredicate(name -> !SENSITIVE_HEADERS.contains(name.toLowerCase(Locale.ROOT)));
            return new Filter[] {new ResponseLoggingFilter(MAX_BODY), requestLogging};
        }
    };

    /** The body limit given to every library (http-audit's default capture limit). */
    public static final int MAX_BODY = 64 * 1024;

    static final Set<String> SENSITIVE_HEADERS = Set.of("authorization", "cookie", "set-cookie",
            "proxy-authorization", "x-api-key");

    /** A new filter chain (filters only; the handler is the benchmark's). */
    public abstract Filter[] filters();
}
