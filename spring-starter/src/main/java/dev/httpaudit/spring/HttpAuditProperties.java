package dev.httpaudit.spring;

import dev.httpaudit.core.pipeline.AuditPipeline;
import dev.httpaudit.core.redact.RedactionPolicy;
import dev.httpaudit.core.sink.AsyncAuditSink;
import dev.httpaudit.core.sink.JsonLinesAuditSink;
import dev.httpaudit.core.sink.Slf4jAuditSink;
import dev.httpaudit.servlet.AuditFilterConfig;
import dev.httpaudit.servlet.BodyCaptureMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.event.Level;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.InvalidMimeTypeException;
import org.springframework.util.MimeType;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * The {@code http-audit.*} properties. They validate themselves at start-up (this class is
 * its own {@link Validator}), so a bad value stops the application with a message naming the
 * property, without a Bean Validation provider on the classpath.
 *
 * <p>The enums and defaults are core's and the servlet filter's own ({@link BodyCaptureMode},
 * {@link AsyncAuditSink.Overflow}, {@link Slf4jAuditSink.MessageFormat}, SLF4J's {@link Level},
 * and their {@code DEFAULT_*} constants), so the starter cannot drift from them. The
 * configuration processor reads only literal defaults from the fields; those taken from a
 * constant are stated in {@code META-INF/additional-spring-configuration-metadata.json}, which
 * a test holds to the bound values.
 */
@ConfigurationProperties(prefix = "http-audit")
public class HttpAuditProperties implements Validator {

    /** The prefix of every property; the names under it are the starter's public contract. */
    static final String PREFIX = "http-audit.";

    /** Never audited unless {@code exclude-paths-defaults=false}: actuator endpoints, the browser's icon. */
    public static final List<String> DEFAULT_EXCLUDE_PATHS = List.of("/actuator/**", "/favicon.ico");

    /** Whether HTTP exchanges are audited at all. */
    private boolean enabled = true;

    /** Path patterns that are audited (Spring path-pattern syntax, within the application). */
    private List<String> includePaths = new ArrayList<>(AuditFilterConfig.DEFAULT_INCLUDE_PATHS);

    /** Path patterns that are never audited nor wrapped, added to the defaults (/actuator/**, /favicon.ico). */
    private List<String> excludePaths = new ArrayList<>();

    /** Whether the default exclusions (/actuator/**, /favicon.ico) apply besides exclude-paths. */
    private boolean excludePathsDefaults = true;

    /** HTTP methods that are audited (IANA-registered names, WebDAV's included); empty means all. */
    private List<String> methods = new ArrayList<>();

    /** Limit of one serialized event; body contents are cut further to fit. */
    private DataSize maxEventBytes = DataSize.ofBytes(AuditPipeline.DEFAULT_MAX_EVENT_BYTES);

    private final Body body = new Body();
    private final Redact redact = new Redact();
    private final Correlation correlation = new Correlation();
    private final Client client = new Client();
    private final Sink sink = new Sink();
    private final Async async = new Async();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public List<String> getIncludePaths() {
        return includePaths;
    }

    public void setIncludePaths(List<String> includePaths) {
        this.includePaths = includePaths;
    }

    public List<String> getExcludePaths() {
        return excludePaths;
    }

    public void setExcludePaths(List<String> excludePaths) {
        this.excludePaths = excludePaths;
    }

    public boolean isExcludePathsDefaults() {
        return excludePathsDefaults;
    }

    public void setExcludePathsDefaults(boolean excludePathsDefaults) {
        this.excludePathsDefaults = excludePathsDefaults;
    }

    /** The paths never audited: the defaults (unless turned off), then {@code exclude-paths}. */
    List<String> effectiveExcludePaths() {
        return merge(excludePathsDefaults ? DEFAULT_EXCLUDE_PATHS : List.of(), excludePaths);
    }

    public List<String> getMethods() {
        return methods;
    }

    public void setMethods(List<String> methods) {
        this.methods = methods;
    }

    public DataSize getMaxEventBytes() {
        return maxEventBytes;
    }

    public void setMaxEventBytes(DataSize maxEventBytes) {
        this.maxEventBytes = maxEventBytes;
    }

    public Body getBody() {
        return body;
    }

    public Redact getRedact() {
        return redact;
    }

    public Correlation getCorrelation() {
        return correlation;
    }

    public Client getClient() {
        return client;
    }

    public Sink getSink() {
        return sink;
    }

    public Async getAsync() {
        return async;
    }

    @Override
    public boolean supports(Class<?> type) {
        return HttpAuditProperties.class.isAssignableFrom(type);
    }

    /**
     * Checks every value. Each error is on the property's kebab-case name as written in
     * {@code application.properties} ({@code body.max-bytes}, not {@code body.maxBytes}), so
     * Spring Boot's start-up report names the line to fix: {@code Property:
     * http-audit.body.max-bytes}, its value, its origin, and the reason.
     */
    @Override
    public void validate(Object target, Errors errors) {
        HttpAuditProperties p = (HttpAuditProperties) target;
        positive(errors, "max-event-bytes", p.maxEventBytes);
        notNegative(errors, "body.max-bytes", p.body.maxBytes);
        if (p.body.maxBytes != null && p.body.maxBytes.toBytes() > Integer.MAX_VALUE - 8) {
            reject(errors, "body.max-bytes", "must be below 2GB, was " + p.body.maxBytes);
        }
        if (p.includePaths == null || p.includePaths.isEmpty()) {
            reject(errors, "include-paths", "must list at least one pattern (use /** for all)");
        }
        // Each entry is checked by the filter's own rules, so the two can never disagree.
        each(errors, "include-paths", p.includePaths, v -> AuditFilterConfig.builder().includePaths(v).build());
        each(errors, "exclude-paths", p.excludePaths, v -> AuditFilterConfig.builder().excludePaths(v).build());
        each(errors, "body.exclude-paths", p.body.excludePaths,
                v -> AuditFilterConfig.builder().bodyExcludePaths(v).build());
        each(errors, "methods", p.methods, v -> AuditFilterConfig.builder().methods(v).build());
        each(errors, "body.content-types", p.body.contentTypes, HttpAuditProperties::checkContentType);
        each(errors, "correlation.request-headers", p.correlation.requestHeaders,
                v -> AuditFilterConfig.builder().correlationRequestHeaders(v).build());
        if (p.correlation.responseHeaderEnabled) {
            // Empty is refused rather than read as "none": it is more often a value lost in a
            // template than a decision, and the explicit switch says what was meant.
            if (p.correlation.responseHeader == null || p.correlation.responseHeader.isBlank()) {
                reject(errors, "correlation.response-header", "must name a header (to send none, set "
                        + PREFIX + "correlation.response-header-enabled=false)");
            } else {
                check(errors, "correlation.response-header", p.correlation.responseHeader,
                        v -> AuditFilterConfig.builder().correlationResponseHeader(v).build());
            }
        }
        each(errors, "client.trusted-proxies", p.client.trustedProxies,
                v -> AuditFilterConfig.builder().trustedProxies(v).build());
        if (p.redact.replacement == null || p.redact.replacement.isEmpty()) {
            reject(errors, "redact.replacement", "must not be empty");
        }
        if (p.sink.logger == null || p.sink.logger.isBlank()) {
            reject(errors, "sink.logger", "must not be empty");
        }
        if (p.async.queueCapacity < 1) {
            reject(errors, "async.queue-capacity", "must be at least 1, was " + p.async.queueCapacity);
        }
        notNegative(errors, "async.block-timeout", p.async.blockTimeout);
        notNegative(errors, "async.shutdown-timeout", p.async.shutdownTimeout);
        if (p.sink.file.maxSize != null && p.sink.file.maxSize.toBytes() < 1) {
            reject(errors, "sink.file.max-size", "must be positive, was " + p.sink.file.maxSize);
        }
        if (p.sink.file.maxHistory < 0) {
            reject(errors, "sink.file.max-history", "must not be negative, was " + p.sink.file.maxHistory);
        }
    }

    /** A media type to capture as text: parsed by Spring's {@link MimeType}, then held to the filter's rules. */
    private static void checkContentType(@Nullable String type) {
        if (type != null && !type.trim().startsWith("+")) {
            try {
                MimeType.valueOf(type.trim());
            } catch (InvalidMimeTypeException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
        AuditFilterConfig.builder().textualContentTypes(type).build();
    }

    private static void each(Errors errors, String property, @Nullable List<String> values,
            Consumer<@Nullable String> check) {
        if (values == null) {
            return;
        }
        // The error goes on the list itself, not "[0]": Boot reports the value (and its origin,
        // file and line) only for the name the user wrote; the reason quotes the bad entry.
        for (String value : values) {
            check(errors, property, value, check);
        }
    }

    private static void check(Errors errors, String property, @Nullable String value,
            Consumer<@Nullable String> check) {
        try {
            check.accept(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            reject(errors, property, e.getMessage());
        }
    }

    /** Rejects {@code property} (kebab-case, relative to {@code http-audit.}). */
    private static void reject(Errors errors, String property, String reason) {
        errors.rejectValue(property, "invalid", reason);
    }

    private static void positive(Errors errors, String property, @Nullable DataSize size) {
        if (size == null || size.toBytes() <= 0) {
            reject(errors, property, "must be positive, was " + size);
        }
    }

    private static void notNegative(Errors errors, String property, @Nullable DataSize size) {
        if (size == null || size.isNegative()) {
            reject(errors, property, "must not be negative, was " + size);
        }
    }

    private static void notNegative(Errors errors, String property, @Nullable Duration duration) {
        if (duration == null || duration.isNegative()) {
            reject(errors, property, "must not be negative, was " + duration);
        }
    }

    private static List<String> merge(List<String> defaults, @Nullable List<String> added) {
        List<String> all = new ArrayList<>(defaults);
        if (added != null) {
            for (String value : added) {
                if (!all.contains(value)) {
                    all.add(value);
                }
            }
        }
        return List.copyOf(all);
    }

    /** {@code http-audit.body.*}. */
    public static class Body {
        /** Capture limit per body; larger bodies still stream fully. */
        private DataSize maxBytes = DataSize.ofBytes(AuditFilterConfig.DEFAULT_BODY_MAX_BYTES);
        /** Paths audited without bodies (login, uploads, personal data). */
        private List<String> excludePaths = new ArrayList<>();
        /** When bodies are captured. */
        private BodyCaptureMode capture = AuditFilterConfig.DEFAULT_BODY_CAPTURE;
        /** Media types captured as text (type/subtype, type/*, +suffix), added to the defaults. */
        private List<String> contentTypes = new ArrayList<>();
        /** Whether the default textual types (JSON, +json, text/*, XML, +xml, form) apply besides content-types. */
        private boolean contentTypesDefaults = true;

        public DataSize getMaxBytes() {
            return maxBytes;
        }

        public void setMaxBytes(DataSize maxBytes) {
            this.maxBytes = maxBytes;
        }

        public List<String> getExcludePaths() {
            return excludePaths;
        }

        public void setExcludePaths(List<String> excludePaths) {
            this.excludePaths = excludePaths;
        }

        public BodyCaptureMode getCapture() {
            return capture;
        }

        public void setCapture(BodyCaptureMode capture) {
            this.capture = capture;
        }

        public List<String> getContentTypes() {
            return contentTypes;
        }

        public void setContentTypes(List<String> contentTypes) {
            this.contentTypes = contentTypes;
        }

        public boolean isContentTypesDefaults() {
            return contentTypesDefaults;
        }

        public void setContentTypesDefaults(boolean contentTypesDefaults) {
            this.contentTypesDefaults = contentTypesDefaults;
        }

        /** The media types captured as text: the defaults (unless turned off), then {@code content-types}. */
        List<String> effectiveContentTypes() {
            return merge(contentTypesDefaults ? AuditFilterConfig.DEFAULT_TEXTUAL_CONTENT_TYPES : List.of(), contentTypes);
        }
    }

    /** {@code http-audit.redact.*}. */
    public static class Redact {
        /** Header names to mask, added to the defaults. */
        private List<String> headers = new ArrayList<>();
        /** Query and form parameter names to mask, added to the defaults. */
        private List<String> parameters = new ArrayList<>();
        /** JSON body field names to mask, added to the defaults. */
        private List<String> bodyFields = new ArrayList<>();
        /** Whether the built-in lists (authorization, cookie, password, token, ...) apply. */
        private boolean defaults = true;
        /** What a masked value becomes. */
        private String replacement = RedactionPolicy.DEFAULT_REPLACEMENT;

        public List<String> getHeaders() {
            return headers;
        }

        public void setHeaders(List<String> headers) {
            this.headers = headers;
        }

        public List<String> getParameters() {
            return parameters;
        }

        public void setParameters(List<String> parameters) {
            this.parameters = parameters;
        }

        public List<String> getBodyFields() {
            return bodyFields;
        }

        public void setBodyFields(List<String> bodyFields) {
            this.bodyFields = bodyFields;
        }

        public boolean isDefaults() {
            return defaults;
        }

        public void setDefaults(boolean defaults) {
            this.defaults = defaults;
        }

        public String getReplacement() {
            return replacement;
        }

        public void setReplacement(String replacement) {
            this.replacement = replacement;
        }
    }

    /** {@code http-audit.correlation.*}. */
    public static class Correlation {
        /** Inbound headers tried in order for the correlation ID; replaces the defaults. */
        private List<String> requestHeaders = new ArrayList<>(AuditFilterConfig.DEFAULT_CORRELATION_REQUEST_HEADERS);
        /** Response header the correlation ID is echoed in. */
        private String responseHeader = AuditFilterConfig.DEFAULT_CORRELATION_RESPONSE_HEADER;
        /** Whether the correlation ID is echoed in response-header at all. */
        private boolean responseHeaderEnabled = true;
        /** MDC key holding the correlation ID during the request. */
        private String mdcKey = AuditFilterConfig.DEFAULT_MDC_KEY;

        public List<String> getRequestHeaders() {
            return requestHeaders;
        }

        public void setRequestHeaders(List<String> requestHeaders) {
            this.requestHeaders = requestHeaders;
        }

        public String getResponseHeader() {
            return responseHeader;
        }

        public void setResponseHeader(String responseHeader) {
            this.responseHeader = responseHeader;
        }

        public boolean isResponseHeaderEnabled() {
            return responseHeaderEnabled;
        }

        public void setResponseHeaderEnabled(boolean responseHeaderEnabled) {
            this.responseHeaderEnabled = responseHeaderEnabled;
        }

        public String getMdcKey() {
            return mdcKey;
        }

        public void setMdcKey(String mdcKey) {
            this.mdcKey = mdcKey;
        }
    }

    /** {@code http-audit.client.*}. */
    public static class Client {
        /** Addresses or CIDRs whose X-Forwarded-For / Forwarded headers are believed. */
        private List<String> trustedProxies = new ArrayList<>();

        public List<String> getTrustedProxies() {
            return trustedProxies;
        }

        public void setTrustedProxies(List<String> trustedProxies) {
            this.trustedProxies = trustedProxies;
        }
    }

    /** {@code http-audit.sink.*}. */
    public static class Sink {
        /** SLF4J logger name of the default sink. */
        private String logger = Slf4jAuditSink.DEFAULT_LOGGER;
        /** Level of the event lines. */
        private Level level = Slf4jAuditSink.DEFAULT_LEVEL;
        /** Log message: the one-line summary, or the whole event as JSON. */
        private Slf4jAuditSink.MessageFormat message = Slf4jAuditSink.DEFAULT_MESSAGE_FORMAT;
        private final File file = new File();

        public String getLogger() {
            return logger;
        }

        public void setLogger(String logger) {
            this.logger = logger;
        }

        public Level getLevel() {
            return level;
        }

        public void setLevel(Level level) {
            this.level = level;
        }

        public Slf4jAuditSink.MessageFormat getMessage() {
            return message;
        }

        public void setMessage(Slf4jAuditSink.MessageFormat message) {
            this.message = message;
        }

        public File getFile() {
            return file;
        }

        /** {@code http-audit.sink.file.*}. */
        public static class File {
            /** Also write JSON lines to this file. */
            private @Nullable String path;
            /** Rotate the file when it would grow past this size; unset means never. */
            private @Nullable DataSize maxSize;
            /** Rotated files kept. */
            private int maxHistory = JsonLinesAuditSink.DEFAULT_MAX_HISTORY;
            /** Force lines to disk after each batch. */
            private boolean fsync;

            public @Nullable String getPath() {
                return path;
            }

            public void setPath(@Nullable String path) {
                this.path = path;
            }

            public @Nullable DataSize getMaxSize() {
                return maxSize;
            }

            public void setMaxSize(@Nullable DataSize maxSize) {
                this.maxSize = maxSize;
            }

            public int getMaxHistory() {
                return maxHistory;
            }

            public void setMaxHistory(int maxHistory) {
                this.maxHistory = maxHistory;
            }

            public boolean isFsync() {
                return fsync;
            }

            public void setFsync(boolean fsync) {
                this.fsync = fsync;
            }
        }
    }

    /** {@code http-audit.async.*}. */
    public static class Async {
        /** Put a bounded queue in front of the sinks. */
        private boolean enabled;
        /** Queue size. */
        private int queueCapacity = AsyncAuditSink.DEFAULT_QUEUE_CAPACITY;
        /** What a full queue does: drop (and count) or block (up to block-timeout). */
        private AsyncAuditSink.Overflow overflow = AsyncAuditSink.DEFAULT_OVERFLOW;
        /** Longest wait of a request thread on a full queue. */
        private Duration blockTimeout = AsyncAuditSink.DEFAULT_BLOCK_TIMEOUT;
        /** Time given to drain the queue on shutdown. */
        private Duration shutdownTimeout = AsyncAuditSink.DEFAULT_SHUTDOWN_TIMEOUT;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public int getQueueCapacity() {
            return queueCapacity;
        }

        public void setQueueCapacity(int queueCapacity) {
            this.queueCapacity = queueCapacity;
        }

        public AsyncAuditSink.Overflow getOverflow() {
            return overflow;
        }

        public void setOverflow(AsyncAuditSink.Overflow overflow) {
            this.overflow = overflow;
        }

        public Duration getBlockTimeout() {
            return blockTimeout;
        }

        public void setBlockTimeout(Duration blockTimeout) {
            this.blockTimeout = blockTimeout;
        }

        public Duration getShutdownTimeout() {
            return shutdownTimeout;
        }

        public void setShutdownTimeout(Duration shutdownTimeout) {
            this.shutdownTimeout = shutdownTimeout;
        }
    }
}
